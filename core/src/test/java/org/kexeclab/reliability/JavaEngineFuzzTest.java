package org.kexeclab.reliability;

import java.time.Duration;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.kexeclab.Arch;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.CpuEngines;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;

/**
 * Random bytes as code on every ISA of the pure-Java engine (x86_64, arm64, arm A32 and Thumb,
 * ppc32, ppc64, ppc64le) on a {@link RandomMachine}: every run ends with a {@link RunResult}
 * whose stop reason is not {@code TIMEOUT} (the instruction budget, not the clock, bounds it;
 * {@code STOPPED} is a halt instruction),
 * within its budget, with one sentence (an invalid instruction names its address and bytes, a
 * memory fault its address and access); a second run from where the first stopped ends the
 * same way; no Java exception escapes; a case allocates at most {@link #ALLOCATION_BOUND}.
 * {@code scripts/fuzz engine MINUTES} runs it longer.
 */
class JavaEngineFuzzTest {
    static final String NAME = "engine";
    static final long ALLOCATION_BOUND = 64L << 20;
    static final Arch[] ARCHES = {Arch.X86_64, Arch.ARM64, Arch.ARM, Arch.PPC32, Arch.PPC64, Arch.PPC64LE};
    private static final CpuEngine JAVA = CpuEngines.byName("java");
    private static final Duration TIME_LIMIT = Duration.ofSeconds(10);

    static {
        InstructionPool.warmUp(); // built once, outside any measured case
    }

    @Property(tries = 1200)
    void run_randomCodeAndRegisters_endsClassifiedWithinBudget(@ForAll long seed) {
        Statistics.collect(Fuzz.bounded(seed, JavaEngineFuzzTest::check));
    }

    @Example
    void run_keptRegressionSeeds_endsClassifiedWithinBudget() {
        Fuzz.replay(NAME, JavaEngineFuzzTest::check);
    }

    @Test
    @EnabledIfSystemProperty(named = Fuzz.MINUTES_PROPERTY, matches = ".+")
    void longRun() {
        Fuzz.longRun(NAME, JavaEngineFuzzTest::check);
    }

    /** One case; returns "arch REASON". */
    static String check(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Arch arch = ARCHES[r.nextInt(ARCHES.length)];
        RandomMachine m = new RandomMachine(arch, r);
        long budget = r.nextInt(4) == 0 ? r.nextInt(1, 50_000) : r.nextInt(1, 2000);
        String ctx = "seed " + seed + " (" + arch.cliName() + (m.thumb ? " thumb" : "") + ")";
        long before = Fuzz.allocated();
        RunResult first;
        try (Cpu cpu = JAVA.open(arch)) {
            m.applyTo(cpu);
            first = run(cpu, m.entry(), budget, ctx);
            if (first.reason() != StopReason.BUDGET_EXHAUSTED || r.nextBoolean()) {
                for (Register reg : RandomMachine.generalRegisters(arch)) {
                    cpu.readRegister(reg);
                }
                long again = m.thumb ? cpu.pc() | 1 : cpu.pc();
                run(cpu, first.reason() == StopReason.BUDGET_EXHAUSTED ? again : m.entry(), 100, ctx + " second run");
            }
        } catch (RuntimeException e) {
            throw new AssertionError(ctx + ": the Java engine threw " + e, e);
        }
        long grew = Fuzz.allocated() - before;
        if (grew > ALLOCATION_BOUND) {
            throw new AssertionError(ctx + ": allocated " + grew + " bytes");
        }
        return arch.cliName() + " " + first.reason();
    }

    private static RunResult run(Cpu cpu, long begin, long budget, String ctx) {
        RunResult res = cpu.run(begin, RandomMachine.NOWHERE, RunLimits.budget(budget).withTimeout(TIME_LIMIT).counted());
        String m = res.message();
        Fuzz.assertOneSentence(m, ctx);
        if (res.reason() == StopReason.TIMEOUT
                || res.reason() == StopReason.REACHED_UNTIL && res.pc() != RandomMachine.NOWHERE) {
            throw new AssertionError(ctx + ": a run with nothing to stop it but its budget ended " + res);
        }
        if (res.instructions() < 0 || res.instructions() > budget) {
            throw new AssertionError(ctx + ": " + res.instructions() + " instructions for a budget of " + budget);
        }
        String pc = String.format("0x%x", res.pc());
        switch (res.reason()) {
            case INVALID_INSTRUCTION -> require(m.contains(pc) && m.matches(".*: .*[0-9a-f]{2}.*"), ctx, res,
                    "an invalid instruction names its address and bytes");
            case MEMORY_FAULT -> require(res.access() != null // faultAddress -1 is a real address here (rsp = 7)
                    && m.contains(String.format("0x%x", res.faultAddress())), ctx, res, "a fault names its address");
            case CPU_EXCEPTION -> require(res.exceptionNumber() >= 0, ctx, res, "an exception has its number");
            case BUDGET_EXHAUSTED -> require(res.instructions() == budget, ctx, res, "a used-up budget ran all of it");
            default -> { // STOPPED: a halt instruction (x86 hlt); REACHED_UNTIL: a jump to NOWHERE
            }
        }
        return res;
    }

    private static void require(boolean ok, String ctx, RunResult res, String what) {
        if (!ok) {
            throw new AssertionError(ctx + ": " + what + ": " + res);
        }
    }
}
