package org.kexeclab.testkit;

import java.util.Arrays;
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
 * Differential fuzzing of the Java engine against Unicorn on one architecture's instruction sets
 * ({@link FuzzArch}; each arch module runs it for the architectures Unicorn runs): the same
 * {@link RandomMachine} on both; when both engines execute the first instruction (neither stops
 * on it), the general registers, the program counter, the flags and the data pages must be
 * equal after that one step. An own small adapter, not the lockstep harness: Unicorn runs
 * {@code until} the Java engine's next PC, because its one-instruction budget already fetches
 * the next one.
 *
 * <p>The architecture says what is not compared (registers Unicorn 2.0.1's API reads only in
 * part, instructions whose iterations Unicorn counts), what is counted apart (flags many
 * instructions leave undefined) and which code words are defused before the run because
 * Unicorn 2.0.1 kills the process on them. Forms the binding itself refuses reach it unchanged.
 * {@code scripts/fuzz engine-diff MINUTES} runs it longer, in every arch module.
 */
public abstract class EngineDifferentialFuzz {
    /** The fuzzer's name: with the architecture, its seed file's: {@code reliability/engine-diff-ARCH.seeds}. */
    public static final String NAME = "engine-diff";
    private static final CpuEngine JAVA = Engines.java();

    private final FuzzArch target;

    /** The fuzzer of {@code target}'s instruction sets. */
    protected EngineDifferentialFuzz(FuzzArch target) {
        this.target = target;
        InstructionPool.warmUp(target, target.modes()); // built once, outside any measured case
    }

    @Property(tries = 125)
    void step_randomFirstInstruction_bothEnginesAgree(@ForAll long seed) {
        Statistics.collect(Fuzz.bounded(seed, this::check));
    }

    @Example
    void step_keptRegressionSeeds_bothEnginesAgree() {
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

    /** One case; returns a label: who executed the first instruction. */
    String check(long seed) {
        CpuEngine unicorn = Engines.unicorn();
        SplittableRandom r = new SplittableRandom(seed);
        RandomMachine m = new RandomMachine(target, r);
        Arch arch = m.arch;
        target.defuse(m.code);
        String name = m.name();
        int at = (int) (m.begin - RandomMachine.CODE);
        String why = target.notCompared(m.code, at);
        if (why != null) {
            return name + " " + why + " (not compared)";
        }
        String ctx = "seed " + seed + " (" + name + String.format(", first bytes %s)", hex(m.code, at));
        try (Cpu java = JAVA.open(arch); Cpu uc = unicorn.open(arch)) {
            m.applyTo(java);
            m.applyTo(uc);
            RunResult j = java.run(m.entry(), RandomMachine.NOWHERE, RunLimits.budget(1));
            long next = java.pc();
            boolean javaRan = j.reason() == StopReason.BUDGET_EXHAUSTED;
            long until = javaRan && next != m.begin ? next : RandomMachine.NOWHERE;
            RunResult u = uc.run(m.entry(), until, RunLimits.budget(1));
            boolean unicornRan = u.reason() == StopReason.BUDGET_EXHAUSTED || u.reason() == StopReason.REACHED_UNTIL;
            if (!javaRan || !unicornRan) {
                return name + (javaRan ? " java only" : unicornRan ? " unicorn only" : " neither") + " executed it";
            }
            return name + compare(java, uc, m, ctx + " java " + j + " / unicorn " + u);
        }
    }

    /** " agree", or " flags differ" (only the flags counted apart); throws on any other difference. */
    private String compare(Cpu java, Cpu unicorn, RandomMachine m, String ctx) {
        StringBuilder diff = new StringBuilder();
        for (Register reg : target.generalRegisters()) {
            long mask = m.mask() & target.comparedBits(reg);
            differ(diff, reg, java.readRegister(reg) & mask, unicorn.readRegister(reg) & mask);
        }
        differ(diff, null, java.pc() & m.mask(), unicorn.pc() & m.mask());
        target.alsoCompared().forEach((reg, mask) ->
                differ(diff, reg, java.readRegister(reg) & mask, unicorn.readRegister(reg) & mask));
        for (long[] p : m.pages) {
            byte[] a = java.read(p[0], 0x1000);
            byte[] b = unicorn.read(p[0], 0x1000);
            int i = Arrays.mismatch(a, b);
            if (i >= 0) {
                diff.append(String.format(" memory 0x%x: java %02x unicorn %02x;", p[0] + i, a[i], b[i]));
            }
        }
        if (diff.length() > 0) {
            throw new AssertionError(ctx + ": the engines disagree after one step:" + diff);
        }
        Register flags = target.flagsCountedApart();
        if (flags != null && java.readRegister(flags) != unicorn.readRegister(flags)) {
            return " flags differ";
        }
        return " agree";
    }

    private static void differ(StringBuilder diff, Register reg, long a, long b) {
        if (a != b) {
            diff.append(String.format(" %s: java 0x%x unicorn 0x%x;", reg == null ? "pc" : reg.name(), a, b));
        }
    }

    private static String hex(byte[] code, int at) {
        StringBuilder b = new StringBuilder();
        for (int i = at; i < Math.min(code.length, at + 8); i++) {
            b.append(String.format("%02x", code[i]));
        }
        return b.toString();
    }
}
