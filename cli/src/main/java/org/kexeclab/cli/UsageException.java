package org.kexeclab.cli;

/** Bad input a user can fix; its message is the one sentence the CLI prints (exit 2). */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }

    /** As {@link #UsageException(String)}, keeping the refusal it reports for {@code --debug}. */
    UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
