package org.kexeclab.engine;

/** Why {@link Cpu#run} returned. */
public enum StopReason {
    /** The CPU reached the {@code until} address (that instruction was not executed). */
    REACHED_UNTIL,
    /** The instruction budget of {@link RunLimits} was used up. */
    BUDGET_EXHAUSTED,
    /** The time limit of {@link RunLimits} elapsed. */
    TIMEOUT,
    /** A hook (or {@link Cpu#stop()}) stopped the run. */
    STOPPED,
    /** An access to unmapped or protected memory; see {@link RunResult#faultAddress()}. */
    MEMORY_FAULT,
    /** The CPU fetched an instruction it cannot decode. */
    INVALID_INSTRUCTION,
    /** The CPU raised an interrupt or exception nobody handled; see {@link RunResult#exceptionNumber()}. */
    CPU_EXCEPTION
}
