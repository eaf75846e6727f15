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
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.HookHandle;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.testkit.Engines;
import org.kexeclab.testkit.Fuzz;
import org.kexeclab.x86.X86Register;

/**
 * Native lifetime of the engine: thousands of open/map/hook/run/close cycles keep resident
 * memory flat (slope of VmRSS over cycles), hooks installed and removed in a loop fire exactly
 * while installed, and a closed CPU refuses every call.
 */
class NativeLifetimeTest {
    /** Cycles in the default (CI) run; {@code scripts/fuzz lifetime N} runs N. */
    static final int CI_CYCLES = 3000;
    /**
     * The CI run forces no collection: close() releases every native resource itself (hooks
     * through HookTrampolines' slots, uc_hook_del, uc_close), so resident memory must stay flat
     * without the GC's help. (Before that, JNA freed each hook callback's trampoline only when
     * the callback object was collected: 1.72 KiB per cycle with C1, 3.81 with C2.)
     */
    static final int CI_GC_EVERY = 0;
    /**
     * Resident growth allowed per cycle, in KiB, in CI and in long runs. The child JVM runs C1 only
     * ({@code -XX:TieredStopAtLevel=1}), so a C2 compilation cannot step the resident set
     * mid-measurement (measured: 0.0002 KiB per cycle with C1). The bound sits below the 1.72
     * KiB per cycle the old GC-dependent release leaked, so that leak fails this test.
     */
    static final double CI_SLOPE_BOUND_KIB = 1.0;
    private static final long CODE = LifetimeCycles.CODE;
    private static final byte[] PROGRAM = LifetimeCycles.PROGRAM;

    private final CpuEngine engine = Engines.unicorn();

    @Test
    void openRunClose_3000Cycles_residentMemoryFlat() throws Exception {
        String summary = childRun(CI_CYCLES, CI_GC_EVERY);
        System.out.println(summary);
        assertFlat(summary);
    }

    @Test
    void assertFlat_slopeOfTheOldGcDependentRelease_fails() {
        String summary = "RELIABILITY lifetime cycles=10000 slopeKiBPerCycle=1.7200 rssBeforeKiB=141900"
                + " rssAfterKiB=195500";
        AssertionError e = assertThrows(AssertionError.class, () -> assertFlat(summary));
        assertTrue(e.getMessage().startsWith("resident memory grows 1.72 KiB per cycle: " + summary), e.getMessage());
        assertFlat(summary.replace("1.7200", "0.0440"));
    }

    @Test
    @EnabledIfSystemProperty(named = "reliability.lifetime.cycles", matches = "\\d+")
    void longRun() throws Exception {
        String summary = childRun(Integer.parseInt(System.getProperty("reliability.lifetime.cycles")),
                Integer.getInteger("reliability.lifetime.gcEvery", 0));
        System.out.println(summary);
        assertFlat(summary);
    }

    /** Fails when the child's summary says resident memory grows {@link #CI_SLOPE_BOUND_KIB} or more per cycle. */
    static void assertFlat(String summary) {
        double slope = slopeOf(summary);
        assertTrue(slope < CI_SLOPE_BOUND_KIB, "resident memory grows " + slope + " KiB per cycle: " + summary);
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
                "-XX:TieredStopAtLevel=1",
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
