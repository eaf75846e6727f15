package org.kexeclab.reliability;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.kexeclab.Arch;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.CpuEngines;
import org.kexeclab.engine.HookHandle;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.X86Register;

/**
 * Native lifetime of the engine: thousands of open/map/hook/run/close cycles keep resident
 * memory flat (slope of VmRSS over cycles), hooks installed and removed in a loop fire exactly
 * while installed, and a closed CPU refuses every call.
 */
class NativeLifetimeTest {
    /** Cycles in the default (CI) run; {@code scripts/fuzz lifetime N} runs N. */
    static final int CI_CYCLES = 3000;
    /**
     * The CI run collects garbage every this many cycles: JNA frees hook callbacks' native
     * trampolines only when the callback objects are collected, so without collections VmRSS
     * grows 1 to 3 KiB per cycle until the next GC (measured; see docs/RELIABILITY.md).
     */
    static final int CI_GC_EVERY = 100;
    /**
     * Resident growth allowed per cycle in CI, in KiB. Generous: on a loaded 2-core machine the
     * JIT and malloc arenas still grow after the warm-up half (measured up to ~15 KiB/cycle);
     * an engine left open on every cycle adds ~110 KiB/cycle until its cleaner frees it
     * (MODE=leak of scripts/fuzz lifetime: 3,000 cycles, +340 MB), so this bound catches native
     * memory that neither close() nor a collection returns, not an engine merely left open.
     */
    static final double CI_SLOPE_BOUND_KIB = 32.0;
    private static final long CODE = LifetimeCycles.CODE;
    private static final byte[] PROGRAM = LifetimeCycles.PROGRAM;

    private final CpuEngine engine = CpuEngines.defaultEngine();

    @Test
    void openRunClose_3000Cycles_residentMemoryFlat() throws Exception {
        String summary = childRun(CI_CYCLES, CI_GC_EVERY);
        double slope = slopeOf(summary);
        assertTrue(slope < CI_SLOPE_BOUND_KIB, "resident memory grows " + slope + " KiB per cycle: " + summary);
    }

    @Test
    @EnabledIfSystemProperty(named = "reliability.lifetime.cycles", matches = "\\d+")
    void longRun() throws Exception {
        System.out.println(childRun(Integer.parseInt(System.getProperty("reliability.lifetime.cycles")),
                Integer.getInteger("reliability.lifetime.gcEvery", 0)));
    }

    @Test
    void hooks_installedAndRemovedInLoop_fireOnlyWhileInstalled() {
        try (Cpu cpu = open()) {
            for (int i = 0; i < 2000; i++) {
                long[] counts = new long[2];
                HookHandle block = cpu.onBlock((a, s) -> counts[0]++, CODE, CODE + PROGRAM.length - 1);
                HookHandle code = cpu.onCode((a, s) -> counts[1]++, CODE, CODE + PROGRAM.length - 1);
                run(cpu);
                block.close();
                code.close();
                assertEquals(4, counts[1], "instruction hook calls in cycle " + i);
                assertTrue(counts[0] >= 1, "block hook calls in cycle " + i);
                long[] after = counts.clone();
                run(cpu);
                assertEquals(after[0], counts[0], "a removed block hook fired in cycle " + i);
                assertEquals(after[1], counts[1], "a removed code hook fired in cycle " + i);
            }
        }
    }

    @Test
    void closedCpu_everyCall_rejectedWithIllegalState() {
        Cpu cpu = open();
        HookHandle hook = cpu.onBlock((a, s) -> { }, CODE, CODE + 1);
        cpu.close();
        assertFalse(cpu.isOpen());
        java.util.List<Consumer<Cpu>> calls = java.util.List.of(
                c -> c.run(CODE, CODE + PROGRAM.length, RunLimits.NONE),
                c -> c.readRegister(X86Register.RAX),
                c -> c.writeRegister(X86Register.RAX, 1),
                c -> c.read(CODE, 4),
                c -> c.write(CODE, new byte[4]),
                c -> c.map(0x100000, 4096, Perm.ALL),
                c -> c.onBlock((a, s) -> { }, 0, 1),
                c -> c.onCode((a, s) -> { }, 0, 1),
                Cpu::saveContext);
        for (Consumer<Cpu> call : calls) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> call.accept(cpu));
            Fuzz.assertOneSentence(e.getMessage(), "use after close");
        }
        assertDoesNotThrow(hook::close, "closing a hook of a closed CPU");
        assertDoesNotThrow(cpu::close, "closing twice");
    }

    /** Runs {@code cycles} cycles in a child JVM with a fixed, pre-touched heap; returns its summary line. */
    static String childRun(int cycles, int gcEvery) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xms96m", "-Xmx96m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC",
                "-Dreliability.lifetime.samples=" + Boolean.getBoolean("reliability.lifetime.samples"),
                "-Dreliability.lifetime.mode=" + System.getProperty("reliability.lifetime.mode", "full"),
                "-Dreliability.lifetime.gcEvery=" + gcEvery,
                "-cp", System.getProperty("java.class.path"), LifetimeCycles.class.getName(), "" + cycles)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        if (Boolean.getBoolean("reliability.lifetime.samples")) {
            out.lines().filter(l -> l.startsWith("RELIABILITY lifetime-sample")).forEach(System.out::println);
        }
        return out.lines().filter(l -> l.startsWith("RELIABILITY lifetime ")).findFirst()
                .orElseThrow(() -> new AssertionError("no summary from the child JVM: " + out));
    }

    private static double slopeOf(String summary) {
        Matcher m = Pattern.compile("slopeKiBPerCycle=(-?[0-9.]+)").matcher(summary);
        assertTrue(m.find(), summary);
        return Double.parseDouble(m.group(1));
    }

    private Cpu open() {
        return LifetimeCycles.open(engine);
    }

    private static void run(Cpu cpu) {
        LifetimeCycles.run(cpu);
    }
}
