package org.kexeclab.bootcheck;

/**
 * A boot check that cannot run here: the architecture has no QEMU machine, or its
 * {@code qemu-system-*} is not installed or could not be started. The message is one sentence
 * saying what to install or what is missing.
 */
public final class QemuUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A check that cannot run, for the reason in {@code message}. */
    public QemuUnavailableException(String message) {
        super(message);
    }

    /** A check that cannot run, for the reason in {@code message}, caused by {@code cause}. */
    public QemuUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
