package org.kexeclab.reliability;

import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.loader.KernelLoader;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlanningException;
import org.kexeclab.reliability.KernelCorpus.Kind;
import org.kexeclab.reliability.KernelCorpus.Sample;
import org.kexeclab.testkit.Fuzz;
import org.kexeclab.testkit.FuzzKernels;

/**
 * Every image parser fuzzed directly through {@link KernelLoader#plan}: valid synthetic
 * bzImage, arm64 Image (plain, gzip-compressed, and its gzip stream), zImage, ELF (32/64 bit,
 * both byte orders, five machines) and user device trees, mutated by {@link HeaderMutator}
 * (lies at the exact header offsets, bit flips, truncation, insertion), plus hand-built hostile
 * device trees and a gzip bomb ({@link HostileFiles}).
 *
 * <p>On every case: a plan, or an {@link ImageFormatException} / {@link PlanningException}
 * with one sentence, nothing else; a plan keeps the planning invariants and passes LoadChecks;
 * an unmutated file always plans unless the random machine is too small for it; the case allocates at most {@link #ALLOCATION_BOUND} bytes
 * (the gzip cap is {@link #MAX_INFLATED}) and ends within 30 s.
 * {@code scripts/fuzz images MINUTES} runs it longer.
 */
class KernelImageFuzzTest {
    static final String NAME = "images";
    static final long MAX_INFLATED = 16L << 20;
    static final long ALLOCATION_BOUND = 96L << 20;
    private static final byte[] BOMB = HostileFiles.GZIP_BOMB;
    private static final int SAMPLES = KernelCorpus.SAMPLES.size();

    @Property(tries = 800)
    void plan_mutatedKernelOrDtb_planOrOneSentenceTypedError(@ForAll long seed) {
        Statistics.collect(Fuzz.bounded(seed, KernelImageFuzzTest::check));
    }

    @Example
    void plan_everyUnmutatedSample_plansAndPassesLoadChecks() {
        for (int i = 0; i < SAMPLES; i++) {
            Sample s = KernelCorpus.SAMPLES.get(i);
            String outcome = plan(s.arch(), request(s, s.bytes(), null), "unmutated " + s.name());
            if (outcome.equals("planned") != KernelCorpus.plansUnmutated(s)) {
                throw new AssertionError(s.name() + ": " + outcome);
            }
        }
    }

    @Example
    void plan_keptRegressionSeeds_planOrOneSentenceTypedError() {
        Fuzz.replay(NAME, KernelImageFuzzTest::check);
    }

    @Test
    @EnabledIfSystemProperty(named = Fuzz.MINUTES_PROPERTY, matches = ".+")
    void longRun() {
        Fuzz.longRun(NAME, KernelImageFuzzTest::check);
    }

    /** One case; returns a label of its outcome. */
    static String check(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder log = new StringBuilder("seed " + seed + ":");
        long before = Fuzz.allocated();
        String outcome = switch (r.nextInt(20)) {
            case 0 -> hostileDtb(r, log);
            case 1 -> bomb(r, log);
            default -> mutated(r, log);
        };
        long grew = Fuzz.allocated() - before;
        if (grew > ALLOCATION_BOUND) {
            throw new AssertionError(log + ": allocated " + grew + " bytes (" + outcome + ")");
        }
        return outcome;
    }

    private static String mutated(SplittableRandom r, StringBuilder log) {
        Sample s = KernelCorpus.SAMPLES.get(r.nextInt(SAMPLES));
        int n = r.nextInt(8) == 0 ? 0 : r.nextInt(1, 5);
        log.append(' ').append(s.name());
        byte[] bytes = new HeaderMutator(s.bytes(), s.order(), s.fields(), r, log).mutate(n);
        Arch arch = r.nextInt(16) == 0 ? Arches.all().get(r.nextInt(Arches.all().size())) : s.arch();
        log.append(" as ").append(arch.name());
        String outcome = plan(arch, request(s, bytes, r), log + (n == 0 ? " unmutated " : ""));
        if (n == 0 && arch == s.arch() && KernelCorpus.plansUnmutated(s) && !outcome.equals("planned")
                && !outcome.contains("does not fit") && !outcome.contains("more than")) {
            throw new AssertionError(log + ": the unmutated file did not plan: " + outcome);
        }
        return outcome.equals("planned") ? "planned" : s.kind() + " " + outcome.replaceAll(":.*", "");
    }

    private static String hostileDtb(SplittableRandom r, StringBuilder log) {
        byte[] dtb = HostileFiles.deviceTree(r, log);
        Sample s = KernelCorpus.SAMPLES.stream().filter(x -> x.kind() == Kind.DTB).toList().get(r.nextInt(4));
        return "hostile DTB " + plan(s.arch(), request(s, dtb, r), log.toString());
    }

    private static String bomb(SplittableRandom r, StringBuilder log) {
        log.append(" gzip bomb");
        byte[] b = new HeaderMutator(BOMB, java.nio.ByteOrder.LITTLE_ENDIAN,
                java.util.List.of(new KernelCorpus.Field("isize", BOMB.length - 4, 4)), r, log).mutate(r.nextInt(2));
        String outcome = plan(ArmArches.ARM64, new LoadRequest(b, null, "", null, 256L << 20, MAX_INFLATED, null), log.toString());
        if (outcome.equals("planned")) {
            throw new AssertionError(log + ": a stream inflating beyond the cap was planned");
        }
        return "bomb " + outcome;
    }

    /** The request for a mutated {@code bytes} of sample {@code s}; {@code r == null}: the plain request. */
    private static LoadRequest request(Sample s, byte[] bytes, SplittableRandom r) {
        byte[] kernel = switch (s.kind()) {
            case GZIP_INNER -> FuzzKernels.gzip(bytes);
            case DTB -> s.kernel();
            default -> bytes;
        };
        byte[] dtb = s.kind() == Kind.DTB ? bytes : null;
        if (r == null) {
            return new LoadRequest(kernel, null, "", dtb, 256L << 20, MAX_INFLATED, null);
        }
        byte[] initrd = r.nextBoolean() ? null : new byte[r.nextInt(1, 0x6000)];
        String cmdline = r.nextBoolean() ? "" : "console=ttyS0 " + "x".repeat(r.nextInt(300));
        long ram = (long) r.nextInt(8, 1025) << 20;
        return new LoadRequest(kernel, initrd, cmdline, dtb, ram, MAX_INFLATED, null);
    }

    /** Plans and checks; returns "planned" or the typed error's class name. */
    private static String plan(Arch arch, LoadRequest req, String context) {
        LoadPlan plan;
        try {
            plan = KernelLoader.plan(arch, req);
        } catch (ImageFormatException | PlanningException e) {
            Fuzz.assertOneSentence(e.getMessage(), context);
            return e.getClass().getSimpleName() + (context.contains(" unmutated ") ? ": " + e.getMessage() : "");
        } catch (RuntimeException | Error e) {
            throw new AssertionError(context + ": untyped " + e, e);
        }
        try {
            FuzzKernels.checkPlan(plan);
        } catch (Exception | Error e) {
            throw new AssertionError(context + ": the plan breaks an invariant: " + e.getMessage(), e);
        }
        return "planned";
    }
}
