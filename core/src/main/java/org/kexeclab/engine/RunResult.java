package org.kexeclab.engine;

import java.util.Locale;

/**
 * How one {@link Cpu#run} ended. Immutable; the one-sentence {@link #message()} is built only
 * when asked, so a run allocates nothing but this object.
 */
public final class RunResult {
    private final String message;
    private final StopReason reason;
    private final long pc;
    private final long faultAddress;
    private final MemoryAccess access;
    private final int exceptionNumber;
    private final long instructions;
    private final long elapsedNanos;

    /**
     * @param reason          why the run stopped
     * @param pc              see {@link #pc()}
     * @param faultAddress    the faulting data or fetch address of a memory fault, else -1
     * @param access          the access kind of a memory fault, else {@code null}
     * @param exceptionNumber the engine's exception number, else -1
     * @param instructions    instructions executed if known, else -1
     * @param elapsedNanos    wall-clock time inside the engine
     */
    public RunResult(StopReason reason, long pc, long faultAddress, MemoryAccess access, int exceptionNumber,
                     long instructions, long elapsedNanos) {
        this(reason, pc, faultAddress, access, exceptionNumber, instructions, elapsedNanos, null);
    }

    /**
     * A result whose sentence the engine wrote itself (e.g. naming the bytes of an instruction
     * it cannot decode); {@code message == null} means the standard sentence for the reason.
     */
    public RunResult(StopReason reason, long pc, long faultAddress, MemoryAccess access, int exceptionNumber,
                     long instructions, long elapsedNanos, String message) {
        this.message = message;
        this.reason = reason;
        this.pc = pc;
        this.faultAddress = faultAddress;
        this.access = access;
        this.exceptionNumber = exceptionNumber;
        this.instructions = instructions;
        this.elapsedNanos = elapsedNanos;
    }

    /** Why the run stopped. */
    public StopReason reason() {
        return reason;
    }

    /**
     * The program counter at the stop. For {@link StopReason#INVALID_INSTRUCTION} and fetch faults it
     * is the culprit's address. For a data {@link StopReason#MEMORY_FAULT} it is the faulting
     * instruction when the engine tracks the PC per instruction (on Unicorn: while any code hook is
     * installed, e.g. with {@link RunLimits#counted()}), else possibly the start of its basic block.
     * For {@link StopReason#CPU_EXCEPTION} it is where the engine left the PC (e.g. after {@code svc}).
     */
    public long pc() {
        return pc;
    }

    /** The data (or fetch) address of a {@link StopReason#MEMORY_FAULT}, else -1. */
    public long faultAddress() {
        return faultAddress;
    }

    /** The access kind of a {@link StopReason#MEMORY_FAULT}, else {@code null}. */
    public MemoryAccess access() {
        return access;
    }

    /** The exception number of a {@link StopReason#CPU_EXCEPTION} (or an invalid instruction raised as one), else -1. */
    public int exceptionNumber() {
        return exceptionNumber;
    }

    /** Instructions executed, when known (counted, or the budget was used up), else -1. */
    public long instructions() {
        return instructions;
    }

    /** Wall-clock nanoseconds spent inside the engine. */
    public long elapsedNanos() {
        return elapsedNanos;
    }

    /** True if the run stopped at its {@code until} address. */
    public boolean reachedUntil() {
        return reason == StopReason.REACHED_UNTIL;
    }

    /** One sentence saying what happened. */
    public String message() {
        if (message != null) {
            return message;
        }
        switch (reason) {
            case REACHED_UNTIL:
                return String.format("the CPU reached 0x%x", pc);
            case BUDGET_EXHAUSTED:
                return String.format("the instruction budget ran out after %d instructions at 0x%x", instructions, pc);
            case TIMEOUT:
                return String.format("the time limit ran out at 0x%x", pc);
            case STOPPED:
                return String.format("the run was stopped at 0x%x (by a hook, stop(), or a halt instruction)", pc);
            case MEMORY_FAULT:
                return access == null ? String.format("a memory access failed near 0x%x", pc)
                        : String.format("the instruction at 0x%x could not %s guest address 0x%x (unmapped or protected)",
                                pc, access.word(), faultAddress);
            case INVALID_INSTRUCTION:
                return String.format("the CPU cannot execute the instruction at 0x%x", pc);
            default:
                return String.format("the CPU raised exception %d at 0x%x and nothing handled it", exceptionNumber, pc);
        }
    }

    @Override
    public String toString() {
        return reason.name().toLowerCase(Locale.ROOT) + ": " + message();
    }
}
