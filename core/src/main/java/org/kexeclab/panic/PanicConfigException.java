package org.kexeclab.panic;

/** A panic scenario that cannot be set up as written; the message is one sentence a user can act on. */
public final class PanicConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A refusal with its one-sentence reason. */
    public PanicConfigException(String message) {
        super(message);
    }
}
