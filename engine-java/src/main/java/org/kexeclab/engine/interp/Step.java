package org.kexeclab.engine.interp;

/** The result codes of {@link IsaCore#step()}. */
public final class Step {
    /** Executed; the next instruction is in the same basic block. */
    public static final int NEXT = 0;
    /** Executed; it ended a basic block (a branch, taken or not, or an exception return). */
    public static final int END_BLOCK = 1;
    /** Not executed: not an instruction this core implements. */
    public static final int INVALID = 2;
    /** Executed up to a CPU exception ({@link IsaCore#exceptionNumber()}). */
    public static final int EXCEPTION = 3;
    /**
     * Executed a halt ({@code hlt}): the run stops as {@link org.kexeclab.engine.StopReason#STOPPED}
     * with {@link IsaCore#pc()} after it, as Unicorn does.
     */
    public static final int HALT = 4;

    private Step() {
    }
}
