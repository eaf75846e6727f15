package org.kexeclab.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kexeclab.TestArches;

/** Where the modelled allocator may and may not put pages. */
class AllocatorTest {
    private static final int PAGE = 4096;

    private static void forEachAllocatedPage(LoadedImage li, java.util.function.LongConsumer check) {
        check.accept(li.controlPage());
        check.accept(li.swapPage());
        for (int p = 0; p < li.list().pageCount(); p++) {
            check.accept(li.list().pageAddress(p));
        }
        for (int i = 0; i < li.image().segments().size(); i++) {
            for (int k = 0; k < li.pageCount(i); k++) {
                check.accept(li.sourcePage(i, k));
            }
        }
    }

    @Test
    void load_32bitTargetWithRamAbove4GiB_allocatesOnlyBelow4GiB() throws KexecLoadException {
        MemoryLayout layout = MemoryLayout.builder().ram(0, 1L << 20).ram(1L << 32, 1L << 30).build();
        KexecImage img = KexecImage.builder(TestArches.PPC32).layout(layout).entry(0x10000)
                .segment(SegmentData.generated(100, 1), 0x10000, 64L * PAGE).build();
        LoadedImage li = LoadedImage.load(img, LoadOptions.defaults().withSeed(3));
        forEachAllocatedPage(li, a -> assertTrue(Long.compareUnsigned(a, 1L << 32) < 0, Long.toHexString(a)));
    }

    @Test
    void load_sourceMemoryLimit_noPageAboveIt() throws KexecLoadException {
        MemoryLayout layout = MemoryLayout.builder().ram(0, 64L << 20).sourceMemoryLimit((8L << 20) - 1).build();
        KexecImage img = KexecImage.builder(TestArches.X86_64).layout(layout).entry(0x100000)
                .segment(SegmentData.generated(100, 1), 0x100000, 512L * PAGE).build();
        LoadedImage li = LoadedImage.load(img, LoadOptions.defaults().withSeed(9));
        forEachAllocatedPage(li, a -> assertTrue(a < (8L << 20), Long.toHexString(a)));
    }

    @Test
    void load_compact_controlSwapAndListTakeTheLowestFreePages() throws KexecLoadException {
        MemoryLayout layout = MemoryLayout.builder().ram(0, 16L << 20).reserve(0, 0x10000, "firmware")
                .reserve(0x12000, PAGE, "probe").build();
        KexecImage img = KexecImage.builder(TestArches.ARM64).layout(layout).entry(0x100000)
                .segment(SegmentData.generated(100, 1), 0x100000, 4L * PAGE).build();
        LoadedImage li = LoadedImage.load(img, LoadOptions.defaults().withPlacement(Placement.COMPACT)
                .withControlPages(2));
        assertEquals(0x10000, li.controlPage());
        assertEquals(0x13000, li.swapPage());
        assertEquals(0x14000, li.list().pageAddress(0));
        assertEquals(0x15000, li.sourcePage(0, 0));
    }

    @Test
    void load_lowRamExhaustedOn32bit_enomemNamingTheList() {
        MemoryLayout layout = MemoryLayout.builder().ram(0, 32L * PAGE).ram(1L << 32, 1L << 30).build();
        KexecImage img = KexecImage.builder(TestArches.ARM).layout(layout).entry(0)
                .segment(SegmentData.generated(100, 1), 0, 30L * PAGE).build();
        KexecLoadException e = assertThrows(KexecLoadException.class,
                () -> LoadedImage.load(img, LoadOptions.defaults().withPlacement(Placement.COMPACT)));
        assertEquals(Errno.ENOMEM, e.errno());
        assertTrue(e.getMessage().contains("indirection list"), e.getMessage());
    }

    @Test
    void load_destinationsEverywhere_sourcesAreTheirOwnDestinationsOrFree() throws KexecLoadException {
        // half of RAM is destination: in COMPACT mode the first 256 pages are handed out
        // as parked destinations, then reused in place
        MemoryLayout layout = MemoryLayout.builder().ram(0, 2L << 20).build();
        KexecImage img = KexecImage.builder(TestArches.X86_64).layout(layout).entry(0)
                .segment(SegmentData.generated(100, 1), 0, 256L * PAGE).build();
        LoadedImage li = LoadedImage.load(img, LoadOptions.defaults().withPlacement(Placement.COMPACT));
        for (int k = 0; k < 256; k++) {
            long own = (long) k * PAGE;
            long src = li.sourcePage(0, k);
            assertTrue(src == own || src >= 256L * PAGE, Long.toHexString(src));
        }
        assertTrue(li.controlPage() >= 256L * PAGE);
    }
}
