package org.kexeclab.cli;

/** A kexec the kernel would accept but that cannot boot; its message is the one sentence the CLI prints (exit 1). */
final class KexecFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    KexecFailedException(String message) {
        super(message);
    }
}
