package org.kexeclab.engine.unicorn;

import java.util.OptionalLong;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;

/**
 * Turns what {@code uc_emu_start} returned, plus what the hooks recorded, into a {@link RunResult};
 * the architecture's {@link UnicornTarget} says where a run stops and which exceptions are
 * undefined instructions.
 */
final class RunClassifier {

    private RunClassifier() {
    }

    static RunResult classify(UnicornCpu cpu, UnicornTarget target, UcError err, long begin, long until,
                              RunLimits limits, RunRecord rec, long elapsed) {
        long counted = limits.countInstructions() ? rec.counted : -1;
        if (err.isMemoryFault()) {
            return memoryFault(cpu, rec, counted, elapsed);
        }
        long pc = cpu.pcQuietly();
        switch (err) {
            case UC_ERR_OK:
                return finished(cpu, target, pc, until, limits, rec, counted, elapsed);
            case UC_ERR_INSN_INVALID:
                return new RunResult(StopReason.INVALID_INSTRUCTION, pc, -1, null, -1, counted, elapsed);
            case UC_ERR_EXCEPTION:
                return exception(target, pc, rec.exceptionNumber, counted, elapsed);
            default:
                throw cpu.failure(err.ordinal(), String.format("emu_start 0x%x..0x%x", begin, until));
        }
    }

    private static RunResult finished(UnicornCpu cpu, UnicornTarget target, long pc, long until, RunLimits limits,
                                      RunRecord rec, long counted, long elapsed) {
        if (rec.excepted) {
            return exception(target, pc, rec.exceptionNumber, counted, elapsed);
        }
        if (rec.stopRequested) {
            return new RunResult(StopReason.STOPPED, pc, -1, null, -1, counted, elapsed);
        }
        if (pc == target.stopAddress(until)) {
            return new RunResult(StopReason.REACHED_UNTIL, pc, -1, null, -1, counted, elapsed);
        }
        if (limits.timeoutMicros() > 0 && timedOut(cpu)) {
            return new RunResult(StopReason.TIMEOUT, pc, -1, null, -1, counted, elapsed);
        }
        if (limits.instructionBudget() > 0) {
            long n = counted >= 0 ? counted : limits.instructionBudget();
            return new RunResult(StopReason.BUDGET_EXHAUSTED, pc, -1, null, -1, n, elapsed);
        }
        return new RunResult(StopReason.STOPPED, pc, -1, null, -1, counted, elapsed);
    }

    private static boolean timedOut(UnicornCpu cpu) {
        return cpu.queryTimedOut();
    }

    private static RunResult memoryFault(UnicornCpu cpu, RunRecord rec, long counted, long elapsed) {
        if (!rec.faulted) {
            long pc = cpu.pcQuietly();
            return new RunResult(StopReason.MEMORY_FAULT, pc, -1, null, -1, counted, elapsed);
        }
        return new RunResult(StopReason.MEMORY_FAULT, rec.faultPc, rec.faultAddress, rec.faultAccess, -1, counted,
                elapsed);
    }

    /**
     * A CPU exception; the ones the target says mean "undefined instruction" become
     * {@link StopReason#INVALID_INSTRUCTION} at the culprit's address.
     */
    private static RunResult exception(UnicornTarget target, long pc, int number, long counted, long elapsed) {
        OptionalLong at = target.undefinedInstructionAt(number, pc);
        if (at.isPresent()) {
            return new RunResult(StopReason.INVALID_INSTRUCTION, at.getAsLong(), -1, null, number, counted, elapsed);
        }
        return new RunResult(StopReason.CPU_EXCEPTION, pc, -1, null, number, counted, elapsed);
    }
}
