package org.kexeclab.reliability;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.SourceLocation;
import org.kexeclab.testkit.Fuzz;

/**
 * Every {@code .S} source the architectures list ({@link StubSources}), mutated
 * ({@link SourceMutator}), through the project's assembler: each case assembles or ends in an {@link AssemblyException} whose
 * location names the file, a line of the mutated source and a column; never another exception
 * type, never a hang (passes are bounded by {@link org.kexeclab.asm.Assembler#MAX_PASSES}).
 */
class AssemblerFuzzTest {
    static final String NAME = "asm";
    /** Seeds kept while the fuzzer drew from {@link StubSources#FIRST_INVENTORY}. */
    static final String FIRST_INVENTORY_SEEDS = "asm-first-inventory";

    @Property(tries = 1500)
    void assemble_mutatedStubSource_assemblesOrNamesFileLineColumn(@ForAll long seed) {
        Statistics.collect(Fuzz.bounded(seed, AssemblerFuzzTest::check));
    }

    @Example
    void assemble_keptRegressionSeeds_assembleOrNameFileLineColumn() {
        Fuzz.regressionSeeds(NAME).forEach(s -> Fuzz.bounded(s, AssemblerFuzzTest::check));
        Fuzz.regressionSeeds(FIRST_INVENTORY_SEEDS).forEach(s -> Fuzz.bounded(s,
                seed -> check(seed, StubSources.FIRST_INVENTORY)));
    }

    @Example
    void assemble_everyUnmutatedSource_assembles() throws AssemblyException {
        for (StubSources s : StubSources.ALL) {
            s.source().assemble(0x100000);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = Fuzz.MINUTES_PROPERTY, matches = ".+")
    void longRun() {
        Fuzz.longRun(NAME, AssemblerFuzzTest::check);
    }

    /** One case: mutate one source as {@code seed} says and assemble it. */
    static String check(long seed) {
        return check(seed, StubSources.ALL);
    }

    /** One case drawn from {@code sources}. */
    static String check(long seed, List<StubSources> sources) {
        SplittableRandom r = Fuzz.random(seed);
        StubSources s = sources.get(r.nextInt(sources.size()));
        String mutated = SourceMutator.mutate(s.source().text(), r);
        long origin = r.nextInt(4) == 0 ? r.nextLong() & ~0xfffL : 0x100000;
        try {
            s.source().assemble(mutated, origin);
            return "assembled";
        } catch (AssemblyException e) {
            checkLocation(seed, s, mutated, e);
            return "AssemblyException";
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("seed " + seed + ": " + s.file() + " mutated threw " + e, e);
        }
    }

    private static void checkLocation(long seed, StubSources s, String mutated, AssemblyException e) {
        SourceLocation at = e.location();
        long lines = mutated.lines().count() + 1;
        if (at == null || !s.file().equals(at.file()) || at.line() < 1 || at.line() > lines || at.column() < 1) {
            throw new AssertionError("seed " + seed + ": bad location " + at + " for " + e.getMessage());
        }
        if (!e.getMessage().startsWith(at.toString() + ": ") || e.getMessage().contains("\n")) {
            throw new AssertionError("seed " + seed + ": message is not `file:line:col: problem`: " + e.getMessage());
        }
    }
}
