package org.kexeclab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The execution behaviour every {@link CpuEngine} must show, on every mode the engine supports, with
 * programs GNU as assembled ({@code /golden/engine/*.golden}). Subclass it per engine and
 * implement {@link #engine()}; {@link CpuLifecycleContractTest} covers hooks, contexts and lifecycle.
 */
public abstract class CpuContractTest extends EngineTestSupport {

    @ParameterizedTest
    @MethodSource("modes")
    void run_arith_computesSumTimesProductMinusSeven(ModeFixture f) {
        try (Cpu cpu = load(f, "arith")) {
            cpu.writeRegister(f.a(), 40);
            cpu.writeRegister(f.b(), 2);
            cpu.writeRegister(f.c(), 3);
            RunResult r = runToLastNop(cpu, f, "arith", RunLimits.NONE);
            assertEquals(StopReason.REACHED_UNTIL, r.reason(), r.message());
            assertEquals((40 + 2) * 3 - 7, cpu.readRegister(f.a()));
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_arith_wrapsAtWordSize(ModeFixture f) {
        try (Cpu cpu = load(f, "arith")) {
            cpu.writeRegister(f.a(), f.wordMask());
            cpu.writeRegister(f.b(), 1);
            cpu.writeRegister(f.c(), 5);
            runToLastNop(cpu, f, "arith", RunLimits.NONE);
            assertEquals(-7L & f.wordMask(), cpu.readRegister(f.a()));
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_storeWord_memoryHoldsWordInArchByteOrder(ModeFixture f) {
        long value = 0x1122_3344_5566_7788L & f.wordMask();
        try (Cpu cpu = load(f, "store")) {
            cpu.writeRegister(f.a(), value);
            cpu.writeRegister(f.base(), ModeFixture.DATA + 0x10);
            RunResult r = runToLastNop(cpu, f, "store", RunLimits.NONE);
            assertEquals(StopReason.REACHED_UNTIL, r.reason(), r.message());
            byte[] expected = f.word(value);
            assertArrayEquals(expected, cpu.read(ModeFixture.DATA + 0x10, expected.length));
            assertEquals(expected[0] & 0xff, cpu.readRegister(f.b()), "first byte loaded back");
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_loop_branchesBackUntilCounterIsZero(ModeFixture f) {
        try (Cpu cpu = load(f, "loop")) {
            cpu.writeRegister(f.a(), 0);
            cpu.writeRegister(f.c(), 25);
            RunResult r = runToLastNop(cpu, f, "loop", RunLimits.NONE);
            assertEquals(StopReason.REACHED_UNTIL, r.reason(), r.message());
            assertEquals(50, cpu.readRegister(f.a()));
            assertEquals(0, cpu.readRegister(f.c()));
            assertEquals(-1, r.instructions(), "not counted unless asked");
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_untilSecondInstruction_stopsBeforeExecutingIt(ModeFixture f) {
        byte[] loop = GoldenPrograms.of(f.mode()).get("loop");
        int first = firstInstructionSize(f, loop);
        try (Cpu cpu = load(f, "loop")) {
            cpu.writeRegister(f.a(), 0);
            cpu.writeRegister(f.c(), 25);
            RunResult r = cpu.run(f.mode().entry(ModeFixture.CODE), ModeFixture.CODE + first, RunLimits.NONE);
            assertEquals(StopReason.REACHED_UNTIL, r.reason(), r.message());
            assertEquals(ModeFixture.CODE + first, r.pc());
            assertEquals(ModeFixture.CODE + first, cpu.pc());
            assertEquals(2, cpu.readRegister(f.a()));
            assertEquals(25, cpu.readRegister(f.c()), "the counter decrement did not run");
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_untilGivenAsModeEntryAddress_stopsThere(ModeFixture f) {
        int len = GoldenPrograms.of(f.mode()).get("arith").length;
        long last = ModeFixture.CODE + len - f.nopSize();
        try (Cpu cpu = load(f, "arith")) {
            RunResult r = cpu.run(f.mode().entry(ModeFixture.CODE), f.mode().entry(last), RunLimits.NONE);
            assertEquals(StopReason.REACHED_UNTIL, r.reason(), r.message());
            assertEquals(last, r.pc());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_untilChangedBetweenRuns_stopsAtEachNewAddress(ModeFixture f) {
        byte[] loop = GoldenPrograms.of(f.mode()).get("loop");
        int first = firstInstructionSize(f, loop);
        try (Cpu cpu = load(f, "loop")) {
            cpu.writeRegister(f.a(), 0);
            cpu.writeRegister(f.c(), 25);
            runToLastNop(cpu, f, "loop", RunLimits.NONE);
            cpu.writeRegister(f.c(), 25);
            RunResult r = cpu.run(f.mode().entry(ModeFixture.CODE), ModeFixture.CODE + first, RunLimits.NONE);
            assertEquals(ModeFixture.CODE + first, r.pc(), r.message());
            assertEquals(52, cpu.readRegister(f.a()));
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_budget_stopsAfterThatManyInstructions(ModeFixture f) {
        try (Cpu cpu = load(f, "loop")) {
            cpu.writeRegister(f.a(), 0);
            cpu.writeRegister(f.c(), 100);
            RunResult r = runToLastNop(cpu, f, "loop", RunLimits.budget(7));
            assertEquals(StopReason.BUDGET_EXHAUSTED, r.reason(), r.message());
            assertEquals(7, r.instructions());
            assertEquals(6, cpu.readRegister(f.a()), "three additions in seven instructions");
            assertEquals(98, cpu.readRegister(f.c()));
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_counted_reportsExactInstructionCount(ModeFixture f) {
        try (Cpu cpu = load(f, "loop")) {
            cpu.writeRegister(f.a(), 0);
            cpu.writeRegister(f.c(), 10);
            RunResult r = runToLastNop(cpu, f, "loop", RunLimits.NONE.counted());
            assertEquals(StopReason.REACHED_UNTIL, r.reason(), r.message());
            assertEquals(30, r.instructions());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_spinWithTimeLimit_stopsWithTimeout(ModeFixture f) {
        try (Cpu cpu = load(f, "spin")) {
            RunResult r = cpu.run(f.mode().entry(ModeFixture.CODE), ModeFixture.CODE + 0x800,
                    RunLimits.timeout(java.time.Duration.ofMillis(30)));
            assertEquals(StopReason.TIMEOUT, r.reason(), r.message());
            assertEquals(ModeFixture.CODE, r.pc());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_loadFromUnmapped_reportsReadFaultAddressAndPc(ModeFixture f) {
        try (Cpu cpu = load(f, "load_fault")) {
            cpu.writeRegister(f.faultAddr(), ModeFixture.UNMAPPED + 8);
            RunResult r = runToLastNop(cpu, f, "load_fault", RunLimits.NONE);
            assertEquals(StopReason.MEMORY_FAULT, r.reason(), r.message());
            assertEquals(MemoryAccess.READ, r.access());
            assertEquals(ModeFixture.UNMAPPED + 8, r.faultAddress());
            assertTrue(r.pc() == ModeFixture.CODE || r.pc() == ModeFixture.CODE + f.nopSize(),
                    "uncounted runs may report the faulting block: " + r.message());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_loadFromUnmappedCounted_reportsExactFaultingInstruction(ModeFixture f) {
        try (Cpu cpu = load(f, "load_fault")) {
            cpu.writeRegister(f.faultAddr(), ModeFixture.UNMAPPED + 8);
            RunResult r = runToLastNop(cpu, f, "load_fault", RunLimits.NONE.counted());
            assertEquals(StopReason.MEMORY_FAULT, r.reason(), r.message());
            assertEquals(ModeFixture.CODE + f.nopSize(), r.pc(), r.message());
            assertEquals(ModeFixture.CODE + f.nopSize(), cpu.pc());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_storeToUnmapped_reportsWriteFault(ModeFixture f) {
        try (Cpu cpu = load(f, "store_fault")) {
            cpu.writeRegister(f.faultAddr(), ModeFixture.UNMAPPED);
            RunResult r = runToLastNop(cpu, f, "store_fault", RunLimits.NONE);
            assertEquals(StopReason.MEMORY_FAULT, r.reason(), r.message());
            assertEquals(MemoryAccess.WRITE, r.access());
            assertEquals(ModeFixture.UNMAPPED, r.faultAddress());
            assertTrue(r.pc() == ModeFixture.CODE || r.pc() == ModeFixture.CODE + f.nopSize(), r.message());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_storeToReadOnlyPage_reportsWriteFault(ModeFixture f) {
        try (Cpu cpu = load(f, "store_fault")) {
            cpu.protect(ModeFixture.DATA, 0x1000, Perm.READ);
            cpu.writeRegister(f.faultAddr(), ModeFixture.DATA + 0x40);
            RunResult r = runToLastNop(cpu, f, "store_fault", RunLimits.NONE);
            assertEquals(StopReason.MEMORY_FAULT, r.reason(), r.message());
            assertEquals(MemoryAccess.WRITE, r.access());
            assertEquals(ModeFixture.DATA + 0x40, r.faultAddress());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_beginUnmapped_reportsFetchFault(ModeFixture f) {
        try (Cpu cpu = load(f, "arith")) {
            RunResult r = cpu.run(f.mode().entry(ModeFixture.UNMAPPED), ModeFixture.UNMAPPED + 0x100, RunLimits.NONE);
            assertEquals(StopReason.MEMORY_FAULT, r.reason(), r.message());
            assertEquals(MemoryAccess.FETCH, r.access());
            assertEquals(ModeFixture.UNMAPPED, r.faultAddress());
            assertEquals(ModeFixture.UNMAPPED, r.pc());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_undefinedInstruction_reportsInvalidInstruction(ModeFixture f) {
        try (Cpu cpu = load(f, "invalid")) {
            RunResult r = cpu.run(f.mode().entry(ModeFixture.CODE), ModeFixture.CODE + 0x100, RunLimits.NONE);
            assertEquals(StopReason.INVALID_INSTRUCTION, r.reason(), r.message());
            assertEquals(ModeFixture.CODE + f.nopSize(), r.pc(), r.message());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_trapWithoutHook_reportsCpuException(ModeFixture f) {
        try (Cpu cpu = load(f, "trap")) {
            RunResult r = runToLastNop(cpu, f, "trap", RunLimits.NONE);
            assertEquals(StopReason.CPU_EXCEPTION, r.reason(), r.message());
            assertTrue(r.exceptionNumber() >= 0, r.message());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_trapWithInterruptHook_hookSeesSameNumberAndRunContinues(ModeFixture f) {
        int unhooked;
        try (Cpu cpu = load(f, "trap")) {
            unhooked = runToLastNop(cpu, f, "trap", RunLimits.NONE).exceptionNumber();
        }
        try (Cpu cpu = load(f, "trap")) {
            List<Integer> seen = new ArrayList<>();
            cpu.onInterrupt(seen::add);
            RunResult r = runToLastNop(cpu, f, "trap", RunLimits.NONE);
            assertEquals(List.of(unhooked), seen);
            assertEquals(StopReason.REACHED_UNTIL, r.reason(), r.message());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void registers_writeThenRead_roundTripEveryGeneralRegister(ModeFixture f) {
        try (Cpu cpu = f.load(engine(), new byte[0])) {
            List<Register> gprs = generalRegisters(f.mode());
            for (int i = 0; i < gprs.size(); i++) {
                cpu.writeRegister(gprs.get(i), (0x0101_0101_0101_0101L * (i + 1)) & f.wordMask());
            }
            for (int i = 0; i < gprs.size(); i++) {
                assertEquals((0x0101_0101_0101_0101L * (i + 1)) & f.wordMask(), cpu.readRegister(gprs.get(i)),
                        gprs.get(i).name());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void readRegister_otherArchitecture_throwsIllegalArgument(ModeFixture f) {
        Register foreign = f.arch() == org.kexeclab.Arch.X86_64 ? Arm64Register.X0 : X86Register.RAX;
        try (Cpu cpu = f.load(engine(), new byte[0])) {
            assertThrows(IllegalArgumentException.class, () -> cpu.readRegister(foreign));
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void memory_bulkWriteRead_roundTripsAcrossPages(ModeFixture f) {
        byte[] data = new byte[0x1800];
        new java.util.Random(7).nextBytes(data);
        try (Cpu cpu = f.load(engine(), new byte[0])) {
            cpu.write(ModeFixture.DATA + 0x400, data, 0x10, data.length - 0x10);
            byte[] back = new byte[data.length];
            cpu.read(ModeFixture.DATA + 0x400, back, 0x10, data.length - 0x10);
            assertArrayEquals(java.util.Arrays.copyOfRange(data, 0x10, data.length),
                    java.util.Arrays.copyOfRange(back, 0x10, back.length));
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void memory_writeRunningOffMappedRange_throwsNamingFirstUnmappedAddressAndWritesNothing(ModeFixture f) {
        try (Cpu cpu = f.load(engine(), new byte[0])) {
            GuestMemoryException e = assertThrows(GuestMemoryException.class,
                    () -> cpu.write(ModeFixture.DATA + 0x1ff0, new byte[0x20]));
            assertEquals(ModeFixture.DATA + 0x2000, e.address());
            byte[] untouched = new byte[0x10];
            cpu.write(ModeFixture.DATA + 0x1ff0, new byte[0x10]);
            assertArrayEquals(untouched, cpu.read(ModeFixture.DATA + 0x1ff0, 0x10));
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void map_overlapping_throwsEngineExceptionNamingTheCall(ModeFixture f) {
        try (Cpu cpu = f.load(engine(), new byte[0])) {
            EngineException e = assertThrows(EngineException.class, () -> cpu.map(ModeFixture.DATA, 0x1000, Perm.ALL));
            assertTrue(e.getMessage().contains("mem_map 0x20000+0x1000"), e.getMessage());
            assertFalse(e.errorName().isEmpty());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void hook_throwing_exceptionReachesRunCallerAndCpuStaysUsable(ModeFixture f) {
        IllegalStateException boom = new IllegalStateException("boom");
        try (Cpu cpu = load(f, "arith")) {
            HookHandle h = cpu.onCode((address, size) -> {
                throw boom;
            }, ModeFixture.CODE, ModeFixture.CODE);
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> runToLastNop(cpu, f, "arith", RunLimits.NONE));
            assertSame(boom, thrown);
            h.close();
            cpu.writeRegister(f.a(), 1);
            cpu.writeRegister(f.b(), 1);
            cpu.writeRegister(f.c(), 7);
            assertEquals(StopReason.REACHED_UNTIL, runToLastNop(cpu, f, "arith", RunLimits.NONE).reason());
            assertEquals(7, cpu.readRegister(f.a()));
        }
    }

    /** The size of the first instruction of a golden program (Thumb: 2 or 4). */
    static int firstInstructionSize(ModeFixture f, byte[] program) {
        if (f.mode() == ExecutionMode.X86_64) {
            return 4; // add rax, 2 = 48 83 c0 02 (x86_64.golden)
        }
        if (f.mode().thumb()) {
            int hw = (program[0] & 0xff) | (program[1] & 0xff) << 8;
            return (hw >>> 11) >= 0x1d ? 4 : 2;
        }
        return 4;
    }

    static List<Register> generalRegisters(ExecutionMode mode) {
        List<Register> regs = new ArrayList<>();
        switch (mode.arch()) {
            case X86_64:
                for (X86Register r : X86Register.values()) {
                    if (r.ordinal() <= X86Register.R15.ordinal() && r != X86Register.RSP) {
                        regs.add(r);
                    }
                }
                break;
            case ARM64:
                for (int i = 0; i <= 30; i++) {
                    regs.add(Arm64Register.x(i));
                }
                break;
            case ARM:
                for (int i = 0; i <= 14; i++) {
                    regs.add(ArmRegister.r(i));
                }
                break;
            default:
                for (int i = 0; i <= 31; i++) {
                    regs.add(PpcRegister.r(i));
                }
                regs.add(PpcRegister.LR);
                regs.add(PpcRegister.CTR);
        }
        return regs;
    }
}
