package org.kexeclab.engine.interp;

import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;

/** Builds the {@link RunResult} of an interpreter run, in the same sentences as the Unicorn engine. */
final class RunSentences {

    private RunSentences() {
    }

    /** {@code haltedAt}: the address of the halt instruction that stopped the run, or -1. */
    static RunResult result(StopReason reason, IsaCore core, GuestBus bus, RunLimits limits, long n, long elapsed,
            long haltedAt) {
        long pc = core.pc();
        switch (reason) {
            case REACHED_UNTIL:
                return plain(reason, pc, n, elapsed, String.format("the CPU reached 0x%x", pc));
            case BUDGET_EXHAUSTED:
                return plain(reason, pc, n, elapsed, String.format("the budget of %d instructions ran out at 0x%x",
                        limits.instructionBudget(), pc));
            case TIMEOUT:
                return plain(reason, pc, n, elapsed, String.format("the time limit of %d us ran out at 0x%x",
                        limits.timeoutMicros(), pc));
            case STOPPED:
                return plain(reason, pc, n, elapsed, haltedAt != -1
                        ? String.format("the CPU halted: a halt instruction at 0x%x", haltedAt)
                        : String.format("a hook or stop() stopped the run at 0x%x", pc));
            case INVALID_INSTRUCTION:
                return plain(reason, pc, n, elapsed, String.format("the CPU cannot decode the instruction at 0x%x: %s",
                        pc, core.invalidDetail()));
            case CPU_EXCEPTION:
                return new RunResult(reason, pc, -1, null, core.exceptionNumber(), n, elapsed, String.format(
                        "the CPU raised exception %d at 0x%x and nothing handled it", core.exceptionNumber(), pc));
            default:
                return fault(pc, bus, n, elapsed);
        }
    }

    private static RunResult plain(StopReason reason, long pc, long n, long elapsed, String message) {
        return new RunResult(reason, pc, -1, null, -1, n, elapsed, message);
    }

    /** "read unmapped: 4-byte read of 0x70000008 by the instruction at 0x10004", as Unicorn's classifier says it. */
    private static RunResult fault(long pc, GuestBus bus, long n, long elapsed) {
        String kind = bus.faultAccess().word() + (bus.faultUnmapped() ? " unmapped" : " prot");
        return new RunResult(StopReason.MEMORY_FAULT, pc, bus.faultAddress(), bus.faultAccess(), -1, n, elapsed,
                String.format("%s: %d-byte %s of 0x%x by the instruction at 0x%x", kind, bus.faultSize(),
                        bus.faultAccess().word(), bus.faultAddress(), pc));
    }
}
