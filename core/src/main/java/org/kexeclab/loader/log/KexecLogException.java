package org.kexeclab.loader.log;

/**
 * A {@code kexec -d} log that cannot be replayed; the message is one sentence naming the
 * line (1-based) and what is wrong with it.
 */
public final class KexecLogException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;

    /**
     * @param line    the 1-based line number, or 0 if the problem is the log as a whole
     * @param message one sentence naming what is wrong
     */
    public KexecLogException(int line, String message) {
        super(line > 0 ? "kexec log line " + line + ": " + message : "kexec log: " + message);
        this.line = line;
    }

    /** The 1-based line number, or 0 for the log as a whole. */
    public int line() {
        return line;
    }
}
