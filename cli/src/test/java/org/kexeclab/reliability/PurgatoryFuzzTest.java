package org.kexeclab.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.CpuEngines;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.SegmentData;
import org.kexeclab.kexec.KernelEntryLeg;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.loader.KernelLoader;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.PlannedSegment;
import org.kexeclab.loader.plan.PlanningException;
import org.kexeclab.loader.plan.Purgatory;
import org.kexeclab.testkit.Engines;
import org.kexeclab.testkit.Fuzz;

/**
 * Every architecture's {@link Purgatory} through its SPI: a plan with a random kernel entry
 * (in RAM, misaligned, unmapped, beyond 32 bits, ...) and random boot-register values is given
 * a purgatory ({@link LoadPlan#withPurgatory}), then its data slots are corrupted or not, and
 * the purgatory runs on a CPU of the default or the Java engine (see {@link PurgatoryRuns}).
 * Every case ends classified within its budget: a {@link PlanningException} with one
 * sentence, or a run that reached the kernel entry or stopped with a reason and one sentence,
 * never at its time limit, never an unchecked exception; an uncorrupted purgatory with a
 * plausible kernel entry always reaches it with every boot register as planned.
 * {@code scripts/fuzz purgatory MINUTES} runs it longer.
 */
class PurgatoryFuzzTest {
    static final String NAME = "purgatory";
    static final long RAM = 64L << 20;
    static final long KERNEL = 0x1000000;
    static final long BUDGET = 2000;
    static final Duration TIME_LIMIT = Duration.ofSeconds(10);
    private static final List<Arch> ARCHES = Arches.all();

    @Property(tries = 60)
    void purgatory_randomEntryAndSlots_endsClassifiedWithinBudget(@ForAll long seed) {
        Statistics.collect(Fuzz.bounded(seed, PurgatoryFuzzTest::check));
    }

    @Example
    void purgatory_keptRegressionSeeds_endsClassifiedWithinBudget() {
        Fuzz.regressionSeeds(NAME).forEach(s -> Fuzz.bounded(s, PurgatoryFuzzTest::check));
    }

    @Test
    @EnabledIfSystemProperty(named = Fuzz.MINUTES_PROPERTY, matches = ".+")
    void longRun() {
        Fuzz.longRun(NAME, PurgatoryFuzzTest::check);
    }

    /** One case; returns "arch engine outcome". */
    static String check(long seed) {
        SplittableRandom r = Fuzz.random(seed);
        Arch arch = ARCHES.get(r.nextInt(ARCHES.size()));
        CpuEngine engine = r.nextBoolean() ? CpuEngines.forArch(arch) : Engines.java();
        String ctx = "seed " + seed + " (" + arch.name() + " on " + engine.name() + ")";
        Purgatory purgatory;
        try {
            purgatory = KernelLoader.purgatory(arch);
        } catch (PlanningException e) {
            throw new AssertionError(ctx + ": " + e.getMessage(), e);
        }
        KexecImage image = KexecImage.builder(arch).layout(StandardMachine.layout(RAM).build()).entry(KERNEL)
                .segment(SegmentData.of(new byte[0x2000]), KERNEL, 0x2000).build();
        Map<String, Long> regs = new LinkedHashMap<>();
        for (String name : bootRegisterNames(purgatory)) {
            regs.put(name, value(r, arch));
        }
        long entry = kernelEntry(r, arch);
        ctx += String.format(" kernel entry 0x%x, boot registers %s", entry, regs);
        LoadPlan plan = new LoadPlan(image, List.of(new PlannedSegment("kernel", image.segments().get(0))), null, regs, entry);
        LoadPlan with;
        try {
            with = plan.withPurgatory(purgatory);
        } catch (PlanningException e) {
            Fuzz.assertOneSentence(e.getMessage(), ctx);
            return arch.name() + " refused";
        } catch (RuntimeException e) {
            throw new AssertionError(ctx + ": withPurgatory threw " + e, e);
        }
        try {
            return arch.name() + " " + new PurgatoryRuns(with, purgatory, engine, r, ctx).run();
        } catch (RuntimeException e) {
            throw new AssertionError(ctx + ": the run threw " + e, e);
        }
    }

    /** The boot registers the purgatory has slots for (x86_64 rsi, arm64 x0, ...). */
    static List<String> bootRegisterNames(Purgatory p) {
        List<String> out = new ArrayList<>();
        for (String s : p.assemble(0).symbols().keySet()) {
            if (s.startsWith("purgatory_") && !s.equals(Purgatory.ENTRY) && !s.equals(Purgatory.KERNEL_ENTRY_SLOT)) {
                String reg = s.substring("purgatory_".length());
                try {
                    KernelEntryLeg.register(p.arch(), Arches.support(p.arch()).registers(), reg);
                    out.add(reg);
                } catch (IllegalArgumentException notARegister) {
                    // a local label of the source, not a slot
                }
            }
        }
        return out;
    }

    private static long value(SplittableRandom r, Arch arch) {
        return switch (r.nextInt(6)) {
            case 0 -> r.nextLong();
            case 1 -> new long[] {0, -1, 1L << 32, 0xffff_ffffL, Long.MAX_VALUE, 0x8000_0000L}[r.nextInt(6)];
            default -> KERNEL + r.nextInt(0x100000) * 8L;
        };
    }

    private static long kernelEntry(SplittableRandom r, Arch arch) {
        return switch (r.nextInt(8)) {
            case 0 -> KERNEL + r.nextInt(0x2000);
            case 1 -> r.nextLong(0x100000, RAM);
            case 2 -> new long[] {0, -1, 1L << 32, 0xffff_fffcL, RAM, RAM + 0x1000}[r.nextInt(6)];
            case 3 -> r.nextLong();
            default -> KERNEL + r.nextInt(0x800) * 4L;
        };
    }

    /**
     * True if {@code a} is in allocatable RAM, where a kernel can be (not the machine's first
     * MiB: after the x86_64 relocation, Unicorn raises #PF on a jump to 0, seed 6844325201265597044).
     */
    static boolean inRam(KexecImage image, long a) {
        return image.layout().allocatableRam().stream().anyMatch((AddressRange x) -> x.start() <= a && a < x.end());
    }
}
