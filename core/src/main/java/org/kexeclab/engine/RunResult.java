package org.kexeclab.engine;

/**
 * How one {@link Cpu#run} ended.
 *
 * @param reason          why the run stopped
 * @param pc              the program counter at the stop; for a memory fault or an invalid
 *                        instruction, the address of the faulting instruction where the engine
 *                        knows it
 * @param faultAddress    the data (or fetch) address of a {@link StopReason#MEMORY_FAULT}, else -1
 * @param access          the access kind of a memory fault, else {@code null}
 * @param exceptionNumber the interrupt/exception number of a {@link StopReason#CPU_EXCEPTION}, else -1
 * @param instructions    instructions executed, when known (counted or budget used up), else -1
 * @param elapsedNanos    wall-clock time spent inside the engine
 * @param message         one sentence saying what happened
 */
public record RunResult(StopReason reason, long pc, long faultAddress, MemoryAccess access,
                        int exceptionNumber, long instructions, long elapsedNanos, String message) {

    /** True if the run stopped at its {@code until} address. */
    public boolean reachedUntil() {
        return reason == StopReason.REACHED_UNTIL;
    }

    @Override
    public String toString() {
        return reason + " at pc 0x" + Long.toHexString(pc) + ": " + message;
    }
}
