package org.kexeclab.testkit;

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
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.EngineException;
import org.kexeclab.engine.GuestMemoryException;
import org.kexeclab.engine.HookHandle;
import org.kexeclab.engine.MemoryAccess;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;

/**
 * The execution behaviour every {@link CpuEngine} must show, on every mode the engine supports, with
 * programs GNU as assembled ({@code /golden/engine/*.golden}). Subclass it per engine and
 * implement {@link #engine()}; {@link CpuLifecycleContractTest} covers hooks, contexts and lifecycle.
 */
public abstract class CpuContractTest extends EngineTestSupport {

    @ParameterizedTest
    @MethodSource("modes")
    void run_arith_computesSumTimesProductMinusSeven(EngineMode f) {
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
    void run_arith_wrapsAtWordSize(EngineMode f) {
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
    void run_storeWord_memoryHoldsWordInArchByteOrder(EngineMode f) {
        long value = 0x1122_3344_5566_7788L & f.wordMask();
        try (Cpu cpu = load(f, "store")) {
            cpu.writeRegister(f.a(), value);
            cpu.writeRegister(f.base(), EngineMode.DATA + 0x10);
            RunResult r = runToLastNop(cpu, f, "store", RunLimits.NONE);
            assertEquals(StopReason.REACHED_UNTIL, r.reason(), r.message());
            byte[] expected = f.word(value);
            assertArrayEquals(expected, cpu.read(EngineMode.DATA + 0x10, expected.length));
            assertEquals(expected[0] & 0xff, cpu.readRegister(f.b()), "first byte loaded back");
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void memoryHook_store_firesBeforeTheBytesChange(EngineMode f) {
        long value = 0x1122_3344_5566_7788L & f.wordMask();
        byte[] before = f.word(0x0102_0304_0506_0708L & f.wordMask());
        try (Cpu cpu = load(f, "store")) {
            cpu.write(EngineMode.DATA + 0x10, before);
            cpu.writeRegister(f.a(), value);
            cpu.writeRegister(f.base(), EngineMode.DATA + 0x10);
            List<byte[]> seen = new ArrayList<>();
            cpu.onMemory((access, address, size, v) -> seen.add(cpu.read(address, size)), Perm.WRITE,
                    EngineMode.DATA, EngineMode.DATA + 0xfff);
            RunResult r = runToLastNop(cpu, f, "store", RunLimits.NONE);
            assertEquals(StopReason.REACHED_UNTIL, r.reason(), r.message());
            assertEquals(1, seen.size(), "one store");
            assertArrayEquals(before, seen.get(0), "the hook reads the bytes the store replaces");
            assertArrayEquals(f.word(value), cpu.read(EngineMode.DATA + 0x10, before.length));
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void codeHook_stopping_leavesThatInstructionUnexecuted(EngineMode f) {
        long value = 0x1122_3344_5566_7788L & f.wordMask();
        byte[] before = new byte[f.word(value).length];
        try (Cpu cpu = load(f, "store")) {
            cpu.writeRegister(f.a(), value);
            cpu.writeRegister(f.base(), EngineMode.DATA + 0x10);
            long[] first = {-1};
            cpu.onCode((address, size) -> {
                first[0] = address;
                cpu.stop();
            }, 1, 0);
            RunResult r = runToLastNop(cpu, f, "store", RunLimits.NONE);
            assertEquals(StopReason.STOPPED, r.reason(), r.message());
            assertEquals(EngineMode.CODE, first[0], "the hook saw the first instruction");
            assertEquals(EngineMode.CODE, cpu.pc(), "stopped before the first instruction, which did not run");
            assertArrayEquals(before, cpu.read(EngineMode.DATA + 0x10, before.length), "nothing stored yet");
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_loop_branchesBackUntilCounterIsZero(EngineMode f) {
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
    void run_untilSecondInstruction_stopsBeforeExecutingIt(EngineMode f) {
        byte[] loop = GoldenPrograms.of(f).get("loop");
        int first = f.firstInstructionSize().applyAsInt(loop);
        try (Cpu cpu = load(f, "loop")) {
            cpu.writeRegister(f.a(), 0);
            cpu.writeRegister(f.c(), 25);
            RunResult r = cpu.run(f.entry(EngineMode.CODE), EngineMode.CODE + first, RunLimits.NONE);
            assertEquals(StopReason.REACHED_UNTIL, r.reason(), r.message());
            assertEquals(EngineMode.CODE + first, r.pc());
            assertEquals(EngineMode.CODE + first, cpu.pc());
            assertEquals(2, cpu.readRegister(f.a()));
            assertEquals(25, cpu.readRegister(f.c()), "the counter decrement did not run");
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_untilGivenAsModeEntryAddress_stopsThere(EngineMode f) {
        int len = GoldenPrograms.of(f).get("arith").length;
        long last = EngineMode.CODE + len - f.nopSize();
        try (Cpu cpu = load(f, "arith")) {
            RunResult r = cpu.run(f.entry(EngineMode.CODE), f.entry(last), RunLimits.NONE);
            assertEquals(StopReason.REACHED_UNTIL, r.reason(), r.message());
            assertEquals(last, r.pc());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_untilChangedBetweenRuns_stopsAtEachNewAddress(EngineMode f) {
        byte[] loop = GoldenPrograms.of(f).get("loop");
        int first = f.firstInstructionSize().applyAsInt(loop);
        try (Cpu cpu = load(f, "loop")) {
            cpu.writeRegister(f.a(), 0);
            cpu.writeRegister(f.c(), 25);
            runToLastNop(cpu, f, "loop", RunLimits.NONE);
            cpu.writeRegister(f.c(), 25);
            RunResult r = cpu.run(f.entry(EngineMode.CODE), EngineMode.CODE + first, RunLimits.NONE);
            assertEquals(EngineMode.CODE + first, r.pc(), r.message());
            assertEquals(52, cpu.readRegister(f.a()));
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_budget_stopsAfterThatManyInstructions(EngineMode f) {
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
    void run_counted_reportsExactInstructionCount(EngineMode f) {
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
    void run_spinWithTimeLimit_stopsWithTimeout(EngineMode f) {
        try (Cpu cpu = load(f, "spin")) {
            RunResult r = cpu.run(f.entry(EngineMode.CODE), EngineMode.CODE + 0x800,
                    RunLimits.timeout(java.time.Duration.ofMillis(30)));
            assertEquals(StopReason.TIMEOUT, r.reason(), r.message());
            assertEquals(EngineMode.CODE, r.pc());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_loadFromUnmapped_reportsReadFaultAddressAndPc(EngineMode f) {
        try (Cpu cpu = load(f, "load_fault")) {
            cpu.writeRegister(f.faultAddr(), EngineMode.UNMAPPED + 8);
            RunResult r = runToLastNop(cpu, f, "load_fault", RunLimits.NONE);
            assertEquals(StopReason.MEMORY_FAULT, r.reason(), r.message());
            assertEquals(MemoryAccess.READ, r.access());
            assertEquals(EngineMode.UNMAPPED + 8, r.faultAddress());
            assertTrue(r.pc() == EngineMode.CODE || r.pc() == EngineMode.CODE + f.nopSize(),
                    "uncounted runs may report the faulting block: " + r.message());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_loadFromUnmappedCounted_reportsExactFaultingInstruction(EngineMode f) {
        try (Cpu cpu = load(f, "load_fault")) {
            cpu.writeRegister(f.faultAddr(), EngineMode.UNMAPPED + 8);
            RunResult r = runToLastNop(cpu, f, "load_fault", RunLimits.NONE.counted());
            assertEquals(StopReason.MEMORY_FAULT, r.reason(), r.message());
            assertEquals(EngineMode.CODE + f.nopSize(), r.pc(), r.message());
            assertEquals(EngineMode.CODE + f.nopSize(), cpu.pc());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_storeToUnmapped_reportsWriteFault(EngineMode f) {
        try (Cpu cpu = load(f, "store_fault")) {
            cpu.writeRegister(f.faultAddr(), EngineMode.UNMAPPED);
            RunResult r = runToLastNop(cpu, f, "store_fault", RunLimits.NONE);
            assertEquals(StopReason.MEMORY_FAULT, r.reason(), r.message());
            assertEquals(MemoryAccess.WRITE, r.access());
            assertEquals(EngineMode.UNMAPPED, r.faultAddress());
            assertTrue(r.pc() == EngineMode.CODE || r.pc() == EngineMode.CODE + f.nopSize(), r.message());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_storeToReadOnlyPage_reportsWriteFault(EngineMode f) {
        try (Cpu cpu = load(f, "store_fault")) {
            cpu.protect(EngineMode.DATA, 0x1000, Perm.READ);
            cpu.writeRegister(f.faultAddr(), EngineMode.DATA + 0x40);
            RunResult r = runToLastNop(cpu, f, "store_fault", RunLimits.NONE);
            assertEquals(StopReason.MEMORY_FAULT, r.reason(), r.message());
            assertEquals(MemoryAccess.WRITE, r.access());
            assertEquals(EngineMode.DATA + 0x40, r.faultAddress());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_beginUnmapped_reportsFetchFault(EngineMode f) {
        try (Cpu cpu = load(f, "arith")) {
            RunResult r = cpu.run(f.entry(EngineMode.UNMAPPED), EngineMode.UNMAPPED + 0x100, RunLimits.NONE);
            assertEquals(StopReason.MEMORY_FAULT, r.reason(), r.message());
            assertEquals(MemoryAccess.FETCH, r.access());
            assertEquals(EngineMode.UNMAPPED, r.faultAddress());
            assertEquals(EngineMode.UNMAPPED, r.pc());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_undefinedInstruction_reportsInvalidInstruction(EngineMode f) {
        try (Cpu cpu = load(f, "invalid")) {
            RunResult r = cpu.run(f.entry(EngineMode.CODE), EngineMode.CODE + 0x100, RunLimits.NONE);
            assertEquals(StopReason.INVALID_INSTRUCTION, r.reason(), r.message());
            assertEquals(EngineMode.CODE + f.nopSize(), r.pc(), r.message());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_trapWithoutHook_reportsCpuException(EngineMode f) {
        try (Cpu cpu = load(f, "trap")) {
            RunResult r = runToLastNop(cpu, f, "trap", RunLimits.NONE);
            assertEquals(StopReason.CPU_EXCEPTION, r.reason(), r.message());
            assertTrue(r.exceptionNumber() >= 0, r.message());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void run_trapWithInterruptHook_hookSeesSameNumberAndRunContinues(EngineMode f) {
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
    void registers_writeThenRead_roundTripEveryGeneralRegister(EngineMode f) {
        try (Cpu cpu = f.load(engine(), new byte[0])) {
            List<Register> gprs = f.generalRegisters();
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
    void readRegisters_sameArrayAfterWrites_matchesReadRegisterEveryTime(EngineMode f) {
        try (Cpu cpu = f.load(engine(), new byte[0])) {
            Register[] every = cpu.registers().all().toArray(new Register[0]);
            long[] batch = new long[every.length];
            for (int round = 1; round <= 2; round++) { // the second read reuses what the first prepared
                List<Register> gprs = f.generalRegisters();
                for (int i = 0; i < gprs.size(); i++) {
                    cpu.writeRegister(gprs.get(i), (0x0102_0304_0506_0708L * (i + round)) & f.wordMask());
                }
                cpu.readRegisters(every, batch);
                for (int i = 0; i < every.length; i++) {
                    assertEquals(cpu.readRegister(every[i]), batch[i], every[i].name() + ", read " + round);
                }
            }
            Register[] one = {f.generalRegisters().get(1)};
            long[] single = new long[1];
            cpu.readRegisters(one, single);
            assertEquals(cpu.readRegister(one[0]), single[0], "a different array is read as itself");
            assertThrows(IllegalArgumentException.class,
                    () -> cpu.readRegisters(new Register[] {ForeignRegister.ELSEWHERE}, new long[1]));
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void readRegister_otherArchitecture_throwsIllegalArgument(EngineMode f) {
        try (Cpu cpu = f.load(engine(), new byte[0])) {
            assertThrows(IllegalArgumentException.class, () -> cpu.readRegister(ForeignRegister.ELSEWHERE));
            assertThrows(IllegalArgumentException.class, () -> cpu.writeRegister(ForeignRegister.ELSEWHERE, 1));
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void memory_bulkWriteRead_roundTripsAcrossPages(EngineMode f) {
        byte[] data = new byte[0x1800];
        new java.util.Random(7).nextBytes(data);
        try (Cpu cpu = f.load(engine(), new byte[0])) {
            cpu.write(EngineMode.DATA + 0x400, data, 0x10, data.length - 0x10);
            byte[] back = new byte[data.length];
            cpu.read(EngineMode.DATA + 0x400, back, 0x10, data.length - 0x10);
            assertArrayEquals(java.util.Arrays.copyOfRange(data, 0x10, data.length),
                    java.util.Arrays.copyOfRange(back, 0x10, back.length));
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void memory_writeRunningOffMappedRange_throwsNamingFirstUnmappedAddressAndWritesNothing(EngineMode f) {
        try (Cpu cpu = f.load(engine(), new byte[0])) {
            GuestMemoryException e = assertThrows(GuestMemoryException.class,
                    () -> cpu.write(EngineMode.DATA + 0x1ff0, new byte[0x20]));
            assertEquals(EngineMode.DATA + 0x2000, e.address());
            byte[] untouched = new byte[0x10];
            cpu.write(EngineMode.DATA + 0x1ff0, new byte[0x10]);
            assertArrayEquals(untouched, cpu.read(EngineMode.DATA + 0x1ff0, 0x10));
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void map_overlapping_throwsEngineExceptionNamingTheCall(EngineMode f) {
        try (Cpu cpu = f.load(engine(), new byte[0])) {
            EngineException e = assertThrows(EngineException.class, () -> cpu.map(EngineMode.DATA, 0x1000, Perm.ALL));
            assertTrue(e.getMessage().contains("mem_map 0x20000+0x1000"), e.getMessage());
            assertFalse(e.errorName().isEmpty());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void hook_throwing_exceptionReachesRunCallerAndCpuStaysUsable(EngineMode f) {
        IllegalStateException boom = new IllegalStateException("boom");
        try (Cpu cpu = load(f, "arith")) {
            HookHandle h = cpu.onCode((address, size) -> {
                throw boom;
            }, EngineMode.CODE, EngineMode.CODE);
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

    /** A register of no architecture: every CPU must refuse it. */
    enum ForeignRegister implements Register {
        /** Not in any register set. */
        ELSEWHERE;

        @Override
        public int bits() {
            return 64;
        }
    }
}
