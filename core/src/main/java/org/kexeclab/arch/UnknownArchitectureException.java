package org.kexeclab.arch;

/**
 * A name that is no registered architecture (nor an alias of one): an input error whose
 * message is one sentence naming the architectures there are.
 */
public final class UnknownArchitectureException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message one sentence naming the unknown name and the known ones */
    public UnknownArchitectureException(String message) {
        super(message);
    }
}
