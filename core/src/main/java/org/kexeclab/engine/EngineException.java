package org.kexeclab.engine;

/**
 * A CPU engine call failed. The message says what was being done ({@code mem_map 0x1000+0x2000}),
 * the engine's error name and text, and the program counter at the time.
 */
public class EngineException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String errorName;
    private final long pc;

    /** @param errorName the engine's name for the error (e.g. {@code UC_ERR_MAP}) */
    public EngineException(String message, String errorName, long pc) {
        super(message);
        this.errorName = errorName;
        this.pc = pc;
    }

    /** The engine's name for the error, e.g. {@code UC_ERR_MAP}. */
    public String errorName() {
        return errorName;
    }

    /** The program counter when the call failed, or -1 if it could not be read. */
    public long pc() {
        return pc;
    }
}
