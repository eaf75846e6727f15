package org.kexeclab.engine;

import org.kexeclab.Arch;

/**
 * An engine cannot provide a CPU for an architecture on this machine (library missing, mode not
 * built, a known engine defect). The message is one sentence a user can act on.
 */
public class EngineUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Arch arch;

    public EngineUnavailableException(Arch arch, String sentence) {
        super(sentence);
        this.arch = arch;
    }

    public EngineUnavailableException(Arch arch, String sentence, Throwable cause) {
        super(sentence, cause);
        this.arch = arch;
    }

    /** The architecture that was asked for, or {@code null} if the whole engine is missing. */
    public Arch arch() {
        return arch;
    }
}
