package org.kexeclab.testkit;

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
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;

/**
 * Random bytes as code on one architecture's instruction sets of the pure-Java engine
 * ({@link FuzzArch}; each arch module runs it for its architectures) on a {@link RandomMachine}:
 * every run ends with a {@link RunResult}
 * whose stop reason is not {@code TIMEOUT} (the instruction budget, not the clock, bounds it;
 * {@code STOPPED} is a halt instruction),
 * within its budget, with one sentence (an invalid instruction names its address and bytes, a
 * memory fault its address and access); a second run from where the first stopped ends the
 * same way; no Java exception escapes; a case allocates at most {@link #ALLOCATION_BOUND}.
 * {@code scripts/fuzz engine MINUTES} runs it longer, in every arch module.
 */
public abstract class JavaEngineFuzz {
    /** The fuzzer's name: with the architecture, its seed file's: {@code reliability/engine-ARCH.seeds}. */
    public static final String NAME = "engine";
    static final long ALLOCATION_BOUND = 64L << 20;
    private static final CpuEngine JAVA = Engines.java();
    private static final Duration TIME_LIMIT = Duration.ofSeconds(10);

    private final FuzzArch target;

    /** The fuzzer of {@code target}'s instruction sets. */
    protected JavaEngineFuzz(FuzzArch target) {
        this.target = target;
        InstructionPool.warmUp(target, target.modes()); // built once, outside any measured case
    }

    @Property(tries = 200)
    void run_randomCodeAndRegisters_endsClassifiedWithinBudget(@ForAll long seed) {
        Statistics.collect(Fuzz.bounded(seed, this::check));
    }

    @Example
    void run_keptRegressionSeeds_endsClassifiedWithinBudget() {
        Fuzz.replay(name(), this::check);
    }

    @Test
    @EnabledIfSystemProperty(named = Fuzz.MINUTES_PROPERTY, matches = ".+")
    void longRun() {
        Fuzz.longRun(name(), this::check);
    }

    /** The seeds' name: the fuzzer's and the architecture's ({@code reliability/NAME-ARCH.seeds}). */
    String name() {
        return NAME + "-" + target.arch();
    }

    /** One case; returns "arch REASON". */
    String check(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        RandomMachine m = new RandomMachine(target, r);
        Arch arch = m.arch;
        long budget = r.nextInt(4) == 0 ? r.nextInt(1, 50_000) : r.nextInt(1, 2000);
        String ctx = "seed " + seed + " (" + m.name() + ")";
        long before = Fuzz.allocated();
        RunResult first;
        try (Cpu cpu = JAVA.open(arch)) {
            m.applyTo(cpu);
            first = run(cpu, m.entry(), budget, ctx);
            if (first.reason() != StopReason.BUDGET_EXHAUSTED || r.nextBoolean()) {
                for (Register reg : target.generalRegisters()) {
                    cpu.readRegister(reg);
                }
                long again = target.resume(cpu, m.mode);
                run(cpu, first.reason() == StopReason.BUDGET_EXHAUSTED ? again : m.entry(), 100, ctx + " second run");
            }
        } catch (RuntimeException e) {
            throw new AssertionError(ctx + ": the Java engine threw " + e, e);
        }
        long grew = Fuzz.allocated() - before;
        if (grew > ALLOCATION_BOUND) {
            throw new AssertionError(ctx + ": allocated " + grew + " bytes");
        }
        return arch.name() + " " + first.reason();
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
