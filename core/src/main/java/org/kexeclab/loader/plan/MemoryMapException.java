package org.kexeclab.loader.plan;

/**
 * A memory map file ({@link IomemMap}) that cannot be read: the message names the line and
 * says what is wrong with it, in one sentence.
 */
public final class MemoryMapException extends Exception {
    private static final long serialVersionUID = 1L;

    /** {@code what} is wrong with line {@code line} (1-based; 0 for the file as a whole). */
    public MemoryMapException(int line, String what) {
        super(line > 0 ? "line " + line + ": " + what : what);
    }
}
