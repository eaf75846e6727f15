package org.kexeclab.arm;

import org.kexeclab.image.KexecImage;
import org.kexeclab.image.Segment;

/**
 * Finds the device tree among an image's segments the way arm's
 * {@code machine_kexec_prepare} does: it reads the first word of every segment's buffer and
 * takes the segment whose word is the FDT magic {@code 0xd00dfeed} (stored big-endian, as
 * every FDT header field is). The kernel's loop does not stop at the first match, so when
 * several segments start with the magic the last one wins; kexec-lab's arm64 uses the same
 * rule to choose the address it passes in {@code x0}.
 */
public final class DeviceTreeSegments {

    /** The FDT header magic ({@code OF_DT_HEADER}), as a big-endian word. */
    public static final int FDT_MAGIC = 0xd00dfeed;

    private DeviceTreeSegments() {
    }

    /** The {@code mem} of the last segment whose data starts with {@link #FDT_MAGIC}, or -1 if none does. */
    public static long lastWithFdtMagic(KexecImage image) {
        long found = -1;
        byte[] word = new byte[4];
        for (Segment s : image.segments()) {
            if (s.bufsz() < word.length) {
                continue;
            }
            s.data().read(0, word, 0, word.length);
            int magic = (word[0] & 0xff) << 24 | (word[1] & 0xff) << 16 | (word[2] & 0xff) << 8 | word[3] & 0xff;
            if (magic == FDT_MAGIC) {
                found = s.mem();
            }
        }
        return found;
    }
}
