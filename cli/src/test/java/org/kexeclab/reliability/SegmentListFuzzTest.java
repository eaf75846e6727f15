package org.kexeclab.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
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
import org.kexeclab.image.Errno;
import org.kexeclab.image.ImageType;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.image.Placement;
import org.kexeclab.image.SegmentData;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.testkit.Fuzz;
import org.kexeclab.x86.X86Arches;

/**
 * Hostile segment lists through {@link LoadedImage#load}: 0 to 40 segments with {@code mem},
 * {@code memsz} and {@code bufsz} next to 2^32, 2^63 and 2^64, overlapping, misaligned, on
 * 32- and 64-bit architectures. Every case ends in a loaded image or a
 * {@link KexecLoadException} with an errno and one sentence, and allocates no more than a
 * bound that does not depend on the declared sizes.
 */
class SegmentListFuzzTest {
    static final String NAME = "segments";
    /** Heap a load may allocate, whatever the segments claim (the machine has at most 256 MiB). */
    static final long ALLOCATION_BOUND = 64L << 20;
    /** Every registered architecture. */
    private static final List<Arch> ARCHES = Arches.all();

    @Property(tries = 3000)
    void load_hostileSegmentList_loadsOrRefusesWithErrno(@ForAll long seed) {
        Statistics.collect(Fuzz.bounded(seed, SegmentListFuzzTest::check));
    }

    @Example
    void load_keptRegressionSeeds_loadOrRefuseWithErrno() {
        Fuzz.regressionSeeds(NAME).forEach(s -> Fuzz.bounded(s, SegmentListFuzzTest::check));
    }

    @Test
    @EnabledIfSystemProperty(named = Fuzz.MINUTES_PROPERTY, matches = ".+")
    void longRun() {
        Fuzz.longRun(NAME, SegmentListFuzzTest::check);
    }

    @Example
    void load_segmentClaiming2pow63Bytes_refusedAsTooLargeWithoutAllocating() {
        KexecImage image = image(X86Arches.X86_64, 1L << 63, 0x1000000);
        long before = allocated();
        KexecLoadException e = assertThrows(KexecLoadException.class, () -> LoadedImage.load(image));
        assertTrue(allocated() - before < ALLOCATION_BOUND, "allocated " + (allocated() - before));
        assertEquals(Errno.EINVAL, e.errno(), "more than half of RAM, as the kernel says: " + e.getMessage());
        Fuzz.assertOneSentence(e.getMessage(), image);
    }

    @Example
    void load_memsz2pow32On32BitArch_refusedAsNotFitting() {
        for (Arch arch : new Arch[] {PpcArches.PPC32, ArmArches.ARM}) {
            KexecLoadException e = assertThrows(KexecLoadException.class,
                    () -> LoadedImage.load(image(arch, 1L << 32, 0x1000000)));
            assertEquals(Errno.EADDRNOTAVAIL, e.errno(), arch.toString());
        }
    }

    private static KexecImage image(Arch arch, long memsz, long mem) {
        return KexecImage.builder(arch).layout(StandardMachine.layout(StandardMachine.DEFAULT_RAM).build())
                .entry(mem).segment(SegmentData.generated(0x1000, 1), mem, memsz).build();
    }

    /** One case: build the image {@code seed} describes and load it. */
    static String check(long seed) {
        SplittableRandom r = Fuzz.random(seed);
        KexecImage image = hostileImage(r);
        LoadOptions options = new LoadOptions(r.nextLong(), r.nextBoolean() ? Placement.SCATTER : Placement.COMPACT,
                1 << r.nextInt(3));
        long before = allocated();
        String outcome;
        try {
            LoadedImage loaded = LoadedImage.load(image, options);
            if (loaded.totalPages() < 0) {
                throw new AssertionError("negative page count for " + image);
            }
            outcome = "loaded";
        } catch (KexecLoadException e) {
            if (e.errno() == null) {
                throw new AssertionError("refusal without errno for " + image, e);
            }
            Fuzz.assertOneSentence(e.getMessage(), image);
            outcome = e.errno().name();
        } catch (RuntimeException e) {
            throw new AssertionError("seed " + seed + ": unchecked " + e + " loading " + image + " "
                    + image.segments(), e);
        }
        long grew = allocated() - before;
        if (grew > ALLOCATION_BOUND) {
            throw new AssertionError("seed " + seed + ": load allocated " + grew + " bytes for " + image.segments());
        }
        return outcome;
    }

    private static KexecImage hostileImage(SplittableRandom r) {
        Arch arch = ARCHES.get(r.nextInt(ARCHES.size()));
        long ram = (16L << 20) << r.nextInt(5);
        boolean crash = r.nextInt(4) == 0;
        MemoryLayout layout = crash
                ? StandardMachine.layout(ram, ram / 2, ram / 4).build()
                : StandardMachine.layout(ram).build();
        KexecImage.Builder b = KexecImage.builder(arch).layout(layout)
                .type(crash ? ImageType.CRASH : ImageType.DEFAULT);
        boolean plausible = r.nextBoolean();
        int count = plausible ? r.nextInt(5) : r.nextInt(41);
        for (int i = 0; i < count; i++) {
            long mem = plausible && r.nextInt(4) > 0 ? 0x100000L * (r.nextInt(60) + 1) : HostileValues.any(r);
            long memsz = plausible && r.nextInt(4) > 0 ? 0x1000L * r.nextInt(0x400) : HostileValues.any(r);
            b.segment(SegmentData.generated(HostileValues.bufsz(r, memsz), r.nextLong()), mem, memsz);
        }
        return b.entry(count > 0 && r.nextBoolean() ? b.build().segments().get(0).mem() : HostileValues.any(r)).build();
    }

    /** Bytes this thread has allocated so far. */
    static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
