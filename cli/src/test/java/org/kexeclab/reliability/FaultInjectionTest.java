package org.kexeclab.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.testkit.Engines;
import org.kexeclab.testkit.Fuzz;

/**
 * Fault injection: after {@link MachineKexec#prepare} has put the stub in guest memory, flip
 * one to four bytes in the assembled stub, in an indirection page, or anywhere in the control
 * page(s), then execute. Every run must end in a classified {@link KexecOutcome} (verified, or a
 * failure sentence with its {@link org.kexeclab.engine.StopReason}) within its instruction
 * budget and time limit: never a JVM crash, never an exception.
 */
class FaultInjectionTest {
    static final String NAME = "faults";
    /** Instruction budget of a faulted run (the unfaulted small image needs under 10,000). */
    static final long BUDGET = 200_000;
    /** Instructions a run may overshoot its budget by: the longest basic block is checked after it ends. */
    static final long BLOCK_SLACK = 4096;
    static final KexecOptions OPTIONS = new KexecOptions(false, BUDGET, Duration.ofSeconds(10), true, true);

    /** Where the bytes are flipped. */
    enum Region { STUB, LIST, CONTROL_PAGE }

    @Property(tries = 200)
    void execute_flippedBytes_classifiedOutcomeWithinBudget(@ForAll long seed) {
        Statistics.collect(Fuzz.bounded(seed, FaultInjectionTest::check));
    }

    @Example
    void execute_keptRegressionSeeds_classifiedOutcomeWithinBudget() {
        Fuzz.regressionSeeds(NAME).forEach(s -> Fuzz.bounded(s, FaultInjectionTest::check));
    }

    @Example
    void execute_noFault_verifiedOnEveryRunnableArch() {
        List<MachineKexec> machines = RunnableMachines.all();
        assertFalse(machines.isEmpty(), "no runnable architecture");
        for (MachineKexec m : machines) {
            LoadedImage loaded = RunnableMachines.load(m, 1, new SplittableRandom(1));
            try (KexecRun run = KexecRun.prepare(m, loaded, OPTIONS, Engines.unicorn())) {
                KexecOutcome o = run.execute();
                assertTrue(o.verified(), m.arch() + ": " + o.failures());
            }
        }
    }

    @Test
    @EnabledIfSystemProperty(named = Fuzz.MINUTES_PROPERTY, matches = ".+")
    void longRun() {
        Fuzz.Summary s = Fuzz.longRun(NAME, FaultInjectionTest::check);
        Map<String, Long> table = new TreeMap<>(s.outcomes());
        table.forEach((k, v) -> System.out.println("RELIABILITY-FAULTS " + k + " " + v));
    }

    /** One case: returns "arch region outcome" where outcome is "verified" or the stop classification. */
    static String check(long seed) {
        SplittableRandom r = Fuzz.random(seed);
        List<MachineKexec> machines = RunnableMachines.all();
        MachineKexec m = machines.get(r.nextInt(machines.size()));
        LoadedImage loaded = RunnableMachines.load(m, seed, r);
        Region region = Region.values()[r.nextInt(Region.values().length)];
        try (KexecRun run = KexecRun.prepare(m, loaded, OPTIONS, Engines.unicorn())) {
            String where = inject(run, region, r);
            KexecOutcome o;
            try {
                o = run.execute();
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ": " + m.arch() + " " + where + ": execute threw " + e, e);
            }
            return m.arch() + " " + region + " " + classify(seed, where, o);
        }
    }

    /** Flips bytes in {@code region} of the prepared machine; returns where, for messages. */
    private static String inject(KexecRun run, Region region, SplittableRandom r) {
        long base;
        long size;
        switch (region) {
            case STUB -> {
                base = run.launch().stub().origin();
                size = run.launch().stub().size();
            }
            case LIST -> {
                var list = run.loaded().list();
                int page = r.nextInt(list.pageCount());
                base = list.pageAddress(page);
                long used = (long) (list.entryCount() - page * list.slotsPerPage()) * list.wordSize();
                size = Math.max(list.wordSize(), Math.min(4096, used));
            }
            default -> {
                base = run.launch().controlPage();
                size = 4096L * run.loaded().controlPageCount();
            }
        }
        StringBuilder where = new StringBuilder(region.toString());
        for (int n = r.nextInt(1, 5); n > 0; n--) {
            long at = base + r.nextLong(size);
            byte[] b = run.cpu().read(at, 1);
            b[0] ^= (byte) r.nextInt(1, 256);
            run.cpu().write(at, b);
            where.append(String.format(" 0x%x", at));
        }
        return where.toString();
    }

    private static String classify(long seed, String where, KexecOutcome o) {
        String ctx = "seed " + seed + " " + o.arch() + " " + where;
        if (o.instructions() > BUDGET + BLOCK_SLACK) {
            throw new AssertionError(ctx + ": ran " + o.instructions() + " instructions, budget " + BUDGET);
        }
        if (o.verified()) {
            return "verified";
        }
        for (String f : o.failures()) {
            Fuzz.assertSentenceWithDetail(f, ctx);
        }
        if (o.relocation().reason() == org.kexeclab.engine.StopReason.TIMEOUT) {
            throw new AssertionError(ctx + ": ran into its time limit before its instruction budget: " + o.failure());
        }
        if (!o.reachedEntry()) {
            // The binding refuses the ppc time-base/decrementer forms that crash Unicorn 2.0.1
            // (FoundBugsTest): counted apart from instructions the CPU itself cannot decode.
            boolean refused = o.relocation().message().startsWith("Unicorn 2.0.1 crashes on ");
            return refused ? "REFUSED_ENGINE_DEFECT" : o.relocation().reason().toString();
        }
        return "ENTRY_REACHED_CHECK_FAILED";
    }
}
