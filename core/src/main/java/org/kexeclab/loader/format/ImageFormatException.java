package org.kexeclab.loader.format;

/**
 * A kernel, initrd or device-tree file that cannot be used: truncated, corrupted, for another
 * architecture, or with a length field that lies. The message is one sentence naming the
 * format, what is wrong and the file offset where it was found.
 */
public final class ImageFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String format;
    private final long offset;

    /**
     * @param format  the file format being read ("ELF", "DTB", a kernel format's name, ...)
     * @param offset  the file offset the problem was found at, or -1 if it is not at one place
     * @param message one sentence a user can act on
     */
    public ImageFormatException(String format, long offset, String message) {
        super(offset < 0 ? format + ": " + message
                : String.format("%s: %s (at offset 0x%x)", format, message, offset));
        this.format = format;
        this.offset = offset;
    }

    /** The file format being read. */
    public String format() {
        return format;
    }

    /** The offending file offset, or -1. */
    public long offset() {
        return offset;
    }
}
