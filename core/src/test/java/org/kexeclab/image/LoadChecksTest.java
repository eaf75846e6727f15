package org.kexeclab.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kexeclab.Arch;
import org.kexeclab.TestArches;

/** One negative test per load check: the kernel's errno and a message naming the culprit. */
class LoadChecksTest {
    private static final int PAGE = 4096;

    private static KexecImage.Builder image(Arch arch) {
        return KexecImage.builder(arch).layout(TestImages.layout()).entry(0x100000);
    }

    private static Segment seg(long mem, long memsz) {
        return new Segment(SegmentData.generated(Math.min(memsz, 100), 1), mem, memsz);
    }

    private static KexecLoadException refused(KexecImage image, Errno errno, String... mentions) {
        KexecLoadException e = assertThrows(KexecLoadException.class, () -> LoadChecks.check(image));
        assertEquals(errno, e.errno(), e.getMessage());
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), () -> "message lacks '" + m + "': " + e.getMessage());
        }
        return e;
    }

    @Test
    void check_seventeenSegments_einval() {
        KexecImage.Builder b = image(TestArches.X86_64);
        for (int i = 0; i < 17; i++) {
            b.segment(seg(0x100000 + (long) i * PAGE, PAGE));
        }
        KexecLoadException e = refused(b.build(), Errno.EINVAL, "17 segments", "segment 16");
        assertArrayEquals(new int[] {16}, e.segments());
    }

    @Test
    void check_sixteenSegments_accepted() throws KexecLoadException {
        KexecImage.Builder b = image(TestArches.X86_64);
        for (int i = 0; i < 16; i++) {
            b.segment(seg(0x100000 + (long) i * PAGE, PAGE));
        }
        LoadChecks.check(b.build());
    }

    @Test
    void check_crashWithoutReservation_einval() {
        MemoryLayout noCrash = MemoryLayout.builder().ram(0, 16 << 20).build();
        KexecImage img = KexecImage.builder(TestArches.ARM64).layout(noCrash).type(ImageType.CRASH)
                .entry(0x100000).segment(seg(0x100000, PAGE)).build();
        refused(img, Errno.EINVAL, "crash kernel reservation");
    }

    @Test
    void check_crashEntryOutsideReservation_eaddrnotavail() {
        KexecImage img = image(TestArches.ARM64).type(ImageType.CRASH).entry(0x7ff000)
                .segment(seg(0x800000, PAGE)).build();
        refused(img, Errno.EADDRNOTAVAIL, "0x7ff000", "0x800000");
    }

    @Test
    void check_mendOverflows64_eaddrnotavail() {
        KexecImage img = image(TestArches.X86_64).segment(seg(0x100000, PAGE))
                .segment(seg(0xffff_ffff_ffff_f000L, 2 * PAGE)).build();
        KexecLoadException e = refused(img, Errno.EADDRNOTAVAIL, "segment 1", "0xfffffffffffff000", "wraps");
        assertArrayEquals(new int[] {1}, e.segments());
    }

    @Test
    void check_mendOverflows32_eaddrnotavail() {
        KexecImage img = image(TestArches.PPC32).segment(seg(0xffff_f000L, 2 * PAGE)).build();
        refused(img, Errno.EADDRNOTAVAIL, "segment 0", "0xfffff000", "32-bit");
    }

    @Test
    void check_segmentAbove4GiBOn32bit_eaddrnotavail() {
        KexecImage img = image(TestArches.ARM).segment(seg(0x1_0000_0000L, PAGE)).build();
        refused(img, Errno.EADDRNOTAVAIL, "segment 0 [0x100000000, 0x100001000)", "32-bit addresses of arm");
    }

    @Test
    void check_memNotPageAligned_eaddrnotavail() {
        KexecImage img = image(TestArches.ARM).segment(seg(0x100800, PAGE)).build();
        refused(img, Errno.EADDRNOTAVAIL, "segment 0", "0x100800", "page boundary");
    }

    @Test
    void check_mendNotPageAligned_eaddrnotavail() {
        KexecImage img = image(TestArches.ARM).segment(seg(0x100000, PAGE)).segment(seg(0x200000, 0x1800)).build();
        refused(img, Errno.EADDRNOTAVAIL, "segment 1", "0x201800");
    }

    @Test
    void check_mendAtDestinationLimit_eaddrnotavail() {
        MemoryLayout limited = MemoryLayout.builder().ram(0, 16 << 20).destinationMemoryLimit(0x400000).build();
        KexecImage img = KexecImage.builder(TestArches.X86_64).layout(limited).entry(0x100000)
                .segment(seg(0x3ff000, PAGE)).build();
        refused(img, Errno.EADDRNOTAVAIL, "segment 0", "0x400000", "limit");
    }

    @Test
    void check_overlappingSegments_einvalNamingBoth() {
        KexecImage img = image(TestArches.X86_64).segment(seg(0x100000, 4 * PAGE)).segment(seg(0x200000, PAGE))
                .segment(seg(0x103000, 2 * PAGE)).build();
        KexecLoadException e = refused(img, Errno.EINVAL, "segment 2 [0x103000, 0x105000)",
                "segment 0 [0x100000, 0x104000)", "overlaps");
        assertArrayEquals(new int[] {2, 0}, e.segments());
    }

    @Test
    void check_bufszAboveMemsz_einval() {
        KexecImage img = image(TestArches.PPC64).segment(SegmentData.generated(PAGE + 1, 3), 0x100000, PAGE).build();
        refused(img, Errno.EINVAL, "segment 0", "bufsz 0x1001", "memsz 0x1000");
    }

    @Test
    void check_oneSegmentAboveHalfOfRam_einval() {
        // 3054 allocatable pages: half is 1527
        KexecImage img = image(TestArches.X86_64).segment(seg(0x100000, 1528L * PAGE)).build();
        refused(img, Errno.EINVAL, "segment 0", "1528 pages", "half");
    }

    @Test
    void check_segmentsTogetherAboveHalfOfRam_einval() {
        KexecImage img = image(TestArches.X86_64).segment(seg(0x100000, 1000L * PAGE))
                .segment(seg(0x600000, 528L * PAGE)).build();
        refused(img, Errno.EINVAL, "segments 0 to 1", "1528 pages");
    }

    @Test
    void check_segmentsExactlyHalfOfRam_accepted() throws KexecLoadException {
        LoadChecks.check(image(TestArches.X86_64).segment(seg(0x100000, 1000L * PAGE))
                .segment(seg(0x600000, 527L * PAGE)).build());
    }

    @Test
    void check_crashSegmentOutsideReservation_eaddrnotavail() {
        KexecImage img = image(TestArches.ARM64).type(ImageType.CRASH).entry(0x800000)
                .segment(seg(0x800000, PAGE)).segment(seg(0xbff000, 2 * PAGE)).build();
        refused(img, Errno.EADDRNOTAVAIL, "segment 1", "0xbff000", "crash kernel reservation");
    }

    @Test
    void check_crashSegmentEndingAtReservationEnd_accepted() throws KexecLoadException {
        LoadChecks.check(image(TestArches.ARM64).type(ImageType.CRASH).entry(0x800000)
                .segment(seg(0xbff000, PAGE)).build());
    }

    @Test
    void check_entryOutsideRam_eaddrnotavail() {
        KexecImage img = image(TestArches.X86_64).entry(0x4000_0000L).segment(seg(0x100000, PAGE)).build();
        refused(img, Errno.EADDRNOTAVAIL, "entry point 0x40000000", "not in RAM");
    }

    @Test
    void check_entryOutsideRam_namesTheRamRangesOnce() {
        KexecImage img = image(TestArches.X86_64).entry(0x4000_0000L).segment(seg(0x100000, PAGE)).build();
        KexecLoadException e = refused(img, Errno.EADDRNOTAVAIL);
        assertEquals("EADDRNOTAVAIL: the entry point 0x40000000 is not in RAM [0x0, 0x1000000)", e.getMessage());
    }

    @Test
    void check_segmentBeyondTwoRamRanges_namesEveryRangeWithoutItsLabel() {
        MemoryLayout twoBanks = MemoryLayout.builder().ram(0, 16 << 20).ram(1L << 32, 16 << 20).build();
        KexecImage img = KexecImage.builder(TestArches.X86_64).layout(twoBanks).entry(0x100000)
                .segment(seg(0x100000, PAGE)).segment(seg(0xfff000, 2 * PAGE)).build();
        KexecLoadException e = refused(img, Errno.EADDRNOTAVAIL);
        assertEquals("EADDRNOTAVAIL: segment 1 [0xfff000, 0x1001000) is not entirely in RAM [0x0, 0x1000000) "
                + "[0x100000000, 0x101000000)", e.getMessage());
    }

    @Test
    void check_segmentBeyondRam_eaddrnotavail() {
        KexecImage img = image(TestArches.X86_64).segment(seg(0x100000, PAGE)).segment(seg(0xfff000, 2 * PAGE)).build();
        refused(img, Errno.EADDRNOTAVAIL, "segment 1 [0xfff000, 0x1001000)", "not entirely in RAM");
    }

    @Test
    void check_segmentOverReservedRange_eaddrnotavail() {
        KexecImage img = image(TestArches.X86_64).segment(seg(0xeff000, 2 * PAGE)).build();
        refused(img, Errno.EADDRNOTAVAIL, "segment 0", "stub [0xf00000, 0xf02000)");
    }

    @Test
    void check_alignmentAndOverlapBothWrong_alignmentReportedFirst() {
        KexecImage img = image(TestArches.X86_64).segment(seg(0x100000, 4 * PAGE)).segment(seg(0x101000, PAGE))
                .segment(seg(0x300800, PAGE)).build();
        refused(img, Errno.EADDRNOTAVAIL, "segment 2");
    }

    @Test
    void check_overlapAndBufszBothWrong_overlapReportedFirst() {
        KexecImage img = image(TestArches.X86_64).segment(SegmentData.generated(2 * PAGE, 1), 0x100000, PAGE)
                .segment(seg(0x100000, PAGE)).build();
        refused(img, Errno.EINVAL, "overlaps");
    }

    @Test
    void load_noRamForControlPage_enomem() {
        // pages above the source limit are unusable: the only usable ones are the destination
        MemoryLayout tight = MemoryLayout.builder().ram(0, 64L * PAGE).sourceMemoryLimit(8L * PAGE - 1).build();
        KexecImage img = KexecImage.builder(TestArches.X86_64).layout(tight).entry(0)
                .segment(seg(0, 8L * PAGE)).build();
        KexecLoadException e = assertThrows(KexecLoadException.class, () -> LoadedImage.load(img));
        assertEquals(Errno.ENOMEM, e.errno());
        assertTrue(e.getMessage().contains("control page"), e.getMessage());
    }

    @Test
    void load_crashReservationFullOfSegments_enomem() {
        KexecImage img = image(TestArches.ARM64).type(ImageType.CRASH).entry(0x800000)
                .segment(seg(0x800000, 4L << 20)).build();
        KexecLoadException e = assertThrows(KexecLoadException.class, () -> LoadedImage.load(img));
        assertEquals(Errno.ENOMEM, e.errno());
        assertTrue(e.getMessage().contains("crash kernel reservation"), e.getMessage());
    }
}
