package org.kexeclab.image;

import java.util.Arrays;

/**
 * A kexec image the kernel would refuse to load: carries the kernel's {@link Errno}, the
 * indexes of the offending segments (empty if the fault is not a segment's) and one
 * sentence that names them with their addresses in hex.
 */
public final class KexecLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Errno errno;
    private final String reason;
    private final int[] segments;

    /**
     * @param errno    the error the kernel returns
     * @param message  one sentence a user can act on, naming segments and addresses
     * @param segments indexes of the offending segments, in the order named
     */
    public KexecLoadException(Errno errno, String message, int... segments) {
        super(errno.name() + ": " + message);
        this.errno = errno;
        this.reason = message;
        this.segments = segments.clone();
    }

    /** The kernel's error for this refusal. */
    public Errno errno() {
        return errno;
    }

    /** The sentence alone, without the errno's name in front ({@link #getMessage()} has both). */
    public String reason() {
        return reason;
    }

    /**
     * The same refusal, its sentence ending with {@code hint} on what would be accepted
     * ("...; --mem 130M or more would hold this load").
     */
    public KexecLoadException withHint(String hint) {
        return new KexecLoadException(errno, reason + "; " + hint, segments);
    }

    /** Indexes of the segments at fault (possibly empty). */
    public int[] segments() {
        return segments.clone();
    }

    @Override
    public String toString() {
        return "KexecLoadException[" + errno + ", segments " + Arrays.toString(segments) + "]: "
                + getMessage();
    }
}
