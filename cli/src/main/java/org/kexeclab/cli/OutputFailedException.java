package org.kexeclab.cli;

/**
 * Output that could not be written after the command ran (a full disk, a device that
 * refuses the bytes, a closed pipe); its message is the one sentence the CLI prints (exit 1).
 */
final class OutputFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutputFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
