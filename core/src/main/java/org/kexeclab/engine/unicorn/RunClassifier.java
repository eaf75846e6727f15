package org.kexeclab.engine.unicorn;

import org.kexeclab.Arch;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;

/** Turns what {@code uc_emu_start} returned, plus what the hooks recorded, into a {@link RunResult}. */
final class RunClassifier {

    /** QEMU's ARM "undefined instruction" exception index. */
    private static final int EXCP_UDEF = 1;
    /** QEMU 5's PowerPC "hypervisor emulation assistance" index, raised for illegal instructions. */
    private static final int POWERPC_EXCP_HV_EMU = 96;

    private RunClassifier() {
    }

    static RunResult classify(UnicornCpu cpu, UcError err, long begin, long until, RunLimits limits,
                              RunRecord rec, long elapsed) {
        long counted = limits.countInstructions() ? rec.counted : -1;
        if (err.isMemoryFault()) {
            return memoryFault(cpu, rec, counted, elapsed);
        }
        long pc = cpu.pcQuietly();
        switch (err) {
            case UC_ERR_OK:
                return finished(cpu, pc, until, limits, rec, counted, elapsed);
            case UC_ERR_INSN_INVALID:
                return new RunResult(StopReason.INVALID_INSTRUCTION, pc, -1, null, -1, counted, elapsed);
            case UC_ERR_EXCEPTION:
                return exception(cpu.arch(), pc, rec.exceptionNumber, counted, elapsed);
            default:
                throw cpu.failure(err.ordinal(), String.format("emu_start 0x%x..0x%x", begin, until));
        }
    }

    private static RunResult finished(UnicornCpu cpu, long pc, long until, RunLimits limits, RunRecord rec,
                                      long counted, long elapsed) {
        if (rec.excepted) {
            return exception(cpu.arch(), pc, rec.exceptionNumber, counted, elapsed);
        }
        if (rec.stopRequested) {
            return new RunResult(StopReason.STOPPED, pc, -1, null, -1, counted, elapsed);
        }
        long target = cpu.arch() == Arch.ARM ? until & ~1L : until;
        if (pc == target) {
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
     * A CPU exception; the ones that mean "undefined instruction" become
     * {@link StopReason#INVALID_INSTRUCTION}: {@code EXCP_UDEF} (1) on ARM and AArch64, and on PowerPC
     * 96 ({@code POWERPC_EXCP_HV_EMU}, how QEMU 5's POWER models raise an illegal instruction), whose
     * PC Unicorn leaves one instruction past the culprit.
     */
    private static RunResult exception(Arch arch, long pc, int number, long counted, long elapsed) {
        boolean arm = arch == Arch.ARM || arch == Arch.ARM64;
        boolean ppc = arch == Arch.PPC32 || arch == Arch.PPC64;
        if ((arm && number == EXCP_UDEF) || (ppc && number == POWERPC_EXCP_HV_EMU)) {
            long at = ppc ? pc - 4 : pc;
            return new RunResult(StopReason.INVALID_INSTRUCTION, at, -1, null, number, counted, elapsed);
        }
        return new RunResult(StopReason.CPU_EXCEPTION, pc, -1, null, number, counted, elapsed);
    }
}
