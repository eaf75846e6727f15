package org.kexeclab.cli;

/** Bad input a user can fix; its message is the one sentence the CLI prints. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
