package org.kexeclab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuContext;
import org.kexeclab.engine.HookHandle;
import org.kexeclab.engine.MemoryAccess;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;

/**
 * Hooks, contexts and the life of a CPU, for every engine: hooks fire with the right addresses
 * and go away when closed, contexts restore registers, close is idempotent, use after close
 * fails clearly, native memory stays bounded over many CPUs, and two CPUs run on two threads.
 */
public abstract class CpuLifecycleContractTest extends EngineTestSupport {

    @ParameterizedTest
    @MethodSource("modes")
    void codeHook_loop_firesForEveryInstructionInOrder(EngineMode f) {
        byte[] loop = GoldenPrograms.of(f).get("loop");
        try (Cpu cpu = load(f, "loop")) {
            cpu.writeRegister(f.c(), 3);
            List<Long> addresses = new ArrayList<>();
            cpu.onCode((address, size) -> addresses.add(address), 1, 0);
            runToLastNop(cpu, f, "loop", RunLimits.NONE);
            assertEquals(9, addresses.size(), addresses.toString());
            List<Long> iteration = addresses.subList(0, 3);
            assertEquals(EngineMode.CODE, iteration.get(0));
            assertEquals(iteration, addresses.subList(3, 6));
            assertEquals(iteration, addresses.subList(6, 9));
            assertTrue(iteration.get(2) < EngineMode.CODE + loop.length);
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void codeHook_range_firesOnlyInsideIt(EngineMode f) {
        try (Cpu cpu = load(f, "loop")) {
            cpu.writeRegister(f.c(), 4);
            int[] hits = new int[1];
            cpu.onCode((address, size) -> {
                assertEquals(EngineMode.CODE, address);
                hits[0]++;
            }, EngineMode.CODE, EngineMode.CODE);
            runToLastNop(cpu, f, "loop", RunLimits.NONE);
            assertEquals(4, hits[0]);
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void blockHook_loop_firesOncePerIterationAtLoopStart(EngineMode f) {
        try (Cpu cpu = load(f, "loop")) {
            cpu.writeRegister(f.c(), 5);
            List<Long> blocks = new ArrayList<>();
            cpu.onBlock((address, size) -> blocks.add(address), 1, 0);
            runToLastNop(cpu, f, "loop", RunLimits.NONE);
            assertEquals(List.of(EngineMode.CODE, EngineMode.CODE, EngineMode.CODE, EngineMode.CODE,
                    EngineMode.CODE), blocks.subList(0, 5));
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void memoryHook_store_seesWordWriteThenByteRead(EngineMode f) {
        long value = 0x0102_0304_0506_0708L & f.wordMask();
        try (Cpu cpu = load(f, "store")) {
            cpu.writeRegister(f.a(), value);
            cpu.writeRegister(f.base(), EngineMode.DATA + 0x20);
            List<String> seen = new ArrayList<>();
            cpu.onMemory((access, address, size, v) -> seen.add(access + " 0x" + Long.toHexString(address)
                    + " " + size + (access == MemoryAccess.WRITE ? " =0x" + Long.toHexString(v) : "")),
                    Perm.READ | Perm.WRITE, 1, 0);
            runToLastNop(cpu, f, "store", RunLimits.NONE);
            int w = f.arch().wordSize();
            assertEquals(List.of("WRITE 0x20020 " + w + " =0x" + Long.toHexString(value), "READ 0x20020 1"), seen);
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void memoryHook_writeOnly_ignoresReads(EngineMode f) {
        try (Cpu cpu = load(f, "store")) {
            cpu.writeRegister(f.base(), EngineMode.DATA);
            List<MemoryAccess> seen = new ArrayList<>();
            cpu.onMemory((access, address, size, v) -> seen.add(access), Perm.WRITE, 1, 0);
            runToLastNop(cpu, f, "store", RunLimits.NONE);
            assertEquals(List.of(MemoryAccess.WRITE), seen);
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void invalidMemoryHook_mapsPage_runContinuesAndLoads(EngineMode f) {
        try (Cpu cpu = load(f, "load_fault")) {
            cpu.writeRegister(f.faultAddr(), EngineMode.UNMAPPED + 8);
            cpu.onInvalidMemory((access, address, size, value) -> {
                cpu.map(address & ~0xfffL, 0x1000, Perm.READ | Perm.WRITE);
                return true;
            }, 1, 0);
            RunResult r = runToLastNop(cpu, f, "load_fault", RunLimits.NONE);
            assertEquals(StopReason.REACHED_UNTIL, r.reason(), r.message());
            assertEquals(0, cpu.readRegister(f.a()));
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void hookHandle_closed_hookNoLongerFires(EngineMode f) {
        try (Cpu cpu = load(f, "loop")) {
            int[] hits = new int[1];
            HookHandle h = cpu.onCode((address, size) -> hits[0]++, 1, 0);
            cpu.writeRegister(f.c(), 2);
            runToLastNop(cpu, f, "loop", RunLimits.NONE);
            assertEquals(6, hits[0]);
            h.close();
            h.close();
            assertFalse(h.isInstalled());
            cpu.writeRegister(f.c(), 2);
            runToLastNop(cpu, f, "loop", RunLimits.NONE);
            assertEquals(6, hits[0]);
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void hook_addedAfterCodeRan_firesOnCachedCode(EngineMode f) {
        try (Cpu cpu = load(f, "loop")) {
            cpu.writeRegister(f.c(), 2);
            runToLastNop(cpu, f, "loop", RunLimits.NONE);
            int[] hits = new int[1];
            cpu.onCode((address, size) -> hits[0]++, 1, 0);
            cpu.writeRegister(f.c(), 2);
            runToLastNop(cpu, f, "loop", RunLimits.NONE);
            assertEquals(6, hits[0]);
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void memoryHook_addedAfterCodeRan_firesOnCachedCode(EngineMode f) {
        try (Cpu cpu = load(f, "store")) {
            cpu.writeRegister(f.base(), EngineMode.DATA);
            runToLastNop(cpu, f, "store", RunLimits.NONE);
            List<MemoryAccess> seen = new ArrayList<>();
            cpu.onMemory((access, address, size, v) -> seen.add(access), Perm.READ | Perm.WRITE, 1, 0);
            runToLastNop(cpu, f, "store", RunLimits.NONE);
            assertEquals(List.of(MemoryAccess.WRITE, MemoryAccess.READ), seen);
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void write_newCodeOverCodeThatRan_runsTheNewCode(EngineMode f) {
        byte[] arith = GoldenPrograms.of(f).get("arith");
        try (Cpu cpu = load(f, "loop")) {
            cpu.writeRegister(f.c(), 1);
            runToLastNop(cpu, f, "loop", RunLimits.NONE);
            cpu.write(EngineMode.CODE, arith);
            cpu.writeRegister(f.a(), 1);
            cpu.writeRegister(f.b(), 2);
            cpu.writeRegister(f.c(), 3);
            RunResult r = runToLastNop(cpu, f, "arith", RunLimits.NONE);
            assertEquals(StopReason.REACHED_UNTIL, r.reason(), r.message());
            assertEquals(2, cpu.readRegister(f.a()));
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void protect_codeMadeNonExecutableAfterItRan_fetchFaults(EngineMode f) {
        try (Cpu cpu = load(f, "arith")) {
            runToLastNop(cpu, f, "arith", RunLimits.NONE);
            cpu.protect(EngineMode.CODE, 0x1000, Perm.READ);
            RunResult r = runToLastNop(cpu, f, "arith", RunLimits.NONE);
            assertEquals(StopReason.MEMORY_FAULT, r.reason(), r.message());
            assertEquals(MemoryAccess.FETCH, r.access());
            assertEquals(EngineMode.CODE, r.faultAddress());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void stop_calledFromHook_endsRunWithStopped(EngineMode f) {
        try (Cpu cpu = load(f, "loop")) {
            cpu.writeRegister(f.c(), 1000);
            int[] blocks = new int[1];
            cpu.onBlock((address, size) -> {
                if (++blocks[0] == 3) {
                    cpu.stop();
                }
            }, 1, 0);
            RunResult r = runToLastNop(cpu, f, "loop", RunLimits.NONE);
            assertEquals(StopReason.STOPPED, r.reason(), r.message());
            assertTrue(cpu.readRegister(f.c()) > 900);
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void context_savedThenRestored_registersReturn(EngineMode f) {
        try (Cpu cpu = load(f, "arith")) {
            cpu.writeRegister(f.a(), 40);
            cpu.writeRegister(f.b(), 2);
            cpu.writeRegister(f.c(), 3);
            try (CpuContext saved = cpu.saveContext()) {
                runToLastNop(cpu, f, "arith", RunLimits.NONE);
                assertEquals(119, cpu.readRegister(f.a()));
                cpu.restoreContext(saved);
                assertEquals(40, cpu.readRegister(f.a()));
                runToLastNop(cpu, f, "arith", RunLimits.NONE);
                assertEquals(119, cpu.readRegister(f.a()));
                cpu.writeRegister(f.a(), 5);
                cpu.saveContext(saved);
                cpu.writeRegister(f.a(), 6);
                cpu.restoreContext(saved);
                assertEquals(5, cpu.readRegister(f.a()));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void context_closed_cannotBeRestored(EngineMode f) {
        try (Cpu cpu = load(f, "arith")) {
            CpuContext c = cpu.saveContext();
            c.close();
            c.close();
            assertThrows(IllegalStateException.class, () -> cpu.restoreContext(c));
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void close_twice_isHarmlessAndEverythingAfterThrowsIllegalState(EngineMode f) {
        Cpu cpu = load(f, "arith");
        HookHandle h = cpu.onCode((a, s) -> { }, 1, 0);
        CpuContext c = cpu.saveContext();
        cpu.close();
        cpu.close();
        assertFalse(cpu.isOpen());
        assertFalse(h.isInstalled());
        h.close();
        c.close();
        Register r = f.a();
        assertThrows(IllegalStateException.class, () -> cpu.readRegister(r));
        assertThrows(IllegalStateException.class, () -> cpu.writeRegister(r, 1));
        assertThrows(IllegalStateException.class, () -> cpu.map(0x40000, 0x1000, Perm.ALL));
        assertThrows(IllegalStateException.class, () -> cpu.write(EngineMode.CODE, new byte[4]));
        assertThrows(IllegalStateException.class, () -> cpu.read(EngineMode.CODE, 4));
        assertThrows(IllegalStateException.class, () -> cpu.run(EngineMode.CODE, EngineMode.CODE + 4, RunLimits.NONE));
        assertThrows(IllegalStateException.class, () -> cpu.onBlock((a, s) -> { }, 1, 0));
        assertThrows(IllegalStateException.class, cpu::saveContext);
    }

    @Test
    void openClose_thousandCycles_residentMemoryStaysBounded() throws IOException {
        EngineMode f = modes().findFirst().orElseThrow();
        cycle(f, 50);
        long before = residentKiB();
        cycle(f, 1000);
        long grown = residentKiB() - before;
        assertTrue(grown < 256 * 1024, "resident memory grew by " + grown + " KiB over 1,000 CPUs");
    }

    private void cycle(EngineMode f, int times) {
        for (int i = 0; i < times; i++) {
            try (Cpu cpu = load(f, "loop")) {
                cpu.writeRegister(f.c(), 3);
                cpu.onBlock((a, s) -> { }, 1, 0);
                cpu.saveContext();
                runToLastNop(cpu, f, "loop", RunLimits.NONE);
            }
        }
    }

    private static long residentKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("/proc/self/status has no VmRSS line");
    }

    @Test
    void twoCpus_onTwoThreads_runIndependently() throws Exception {
        List<EngineMode> fixtures = modes().limit(2).toList();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                EngineMode f = fixtures.get(t % fixtures.size());
                long n = 20_000 + t;
                results.add(pool.submit(() -> {
                    long sum = 0;
                    for (int round = 0; round < 20; round++) {
                        try (Cpu cpu = load(f, "loop")) {
                            cpu.writeRegister(f.a(), 0);
                            cpu.writeRegister(f.c(), n);
                            runToLastNop(cpu, f, "loop", RunLimits.NONE);
                            sum += cpu.readRegister(f.a());
                        }
                    }
                    return sum;
                }));
            }
            assertEquals(20 * 2 * 20_000L, results.get(0).get());
            assertEquals(20 * 2 * 20_001L, results.get(1).get());
        } finally {
            pool.shutdownNow();
        }
    }
}
