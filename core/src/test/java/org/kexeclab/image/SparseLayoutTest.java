package org.kexeclab.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kexeclab.Arch;
import org.kexeclab.TestArches;

/**
 * Sparse layouts: a load maps only the reserved machine area, its destinations and its
 * allocator pool, every page the allocator hands out lies in that pool, and the kernel's
 * checks still see the whole memory map.
 */
class SparseLayoutTest {
    private static final int PAGE = 4096;
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;
    private static final long MACHINE = MIB;

    /** 25 GiB of RAM from 0, the first MiB reserved, sparse. */
    private static MemoryLayout.Builder highMachine() {
        return MemoryLayout.builder().ram(0, 25 * GIB).reserve(0, MACHINE, "machine area (stack)").sparse();
    }

    /** Segments at 4 GiB + 16 MiB (8 MiB), 24 GiB (3 pages) and 24 GiB + 100 MiB (1 page). */
    private static KexecImage highImage(MemoryLayout layout, Arch arch) {
        return KexecImage.builder(arch).layout(layout).entry(24 * GIB)
                .segment(SegmentData.generated(8 * MIB - 10, 1), 4 * GIB + 16 * MIB, 8 * MIB)
                .segment(SegmentData.generated(3 * PAGE, 2), 24 * GIB, 3L * PAGE)
                .segment(SegmentData.generated(100, 3), 24 * GIB + 100 * MIB, PAGE).build();
    }

    private static void forEachAllocatedPage(LoadedImage li, LongConsumer check) {
        for (int c = 0; c < li.controlPageCount(); c++) {
            check.accept(li.controlPage() + (long) c * PAGE);
        }
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

    private static boolean inWindow(LoadedImage li, long from, long to) {
        return li.mappedWindows().stream().anyMatch(w -> w.containsAll(from, to));
    }

    @ParameterizedTest
    @EnumSource(Placement.class)
    void load_segmentsAt4GiBAnd24GiB_mapsTheMachineAreaPoolAndDestinationsOnly(Placement placement)
            throws KexecLoadException {
        LoadedImage li = LoadedImage.load(highImage(highMachine().build(), TestArches.X86_64),
                LoadOptions.defaults().withPlacement(placement).withControlPages(2));
        assertTrue(inWindow(li, 0, MACHINE), "machine area mapped: " + li.mappedWindows());
        for (Segment s : li.image().segments()) {
            assertTrue(inWindow(li, s.mem(), s.mend()), "destination " + s + " mapped: " + li.mappedWindows());
        }
        forEachAllocatedPage(li, a -> {
            assertTrue(inWindow(li, a, a + PAGE), String.format("page 0x%x in %s", a, li.mappedWindows()));
            for (Segment s : li.image().segments()) {
                assertFalse(a >= s.mem() && a < s.mend(), String.format("page 0x%x inside destination %s", a, s));
            }
        });
        long segmentBytes = 8 * MIB + 4L * PAGE;
        assertTrue(li.mappedBytes() <= MACHINE + 2 * segmentBytes + 64L * PAGE, li.mappedBytes() + " bytes mapped");
        assertFalse(inWindow(li, 2 * GIB, 2 * GIB + PAGE), "RAM nobody uses stays unmapped");
        assertEquals(0, li.controlPage() % (2L * PAGE), "control block naturally aligned");
    }

    @Test
    void load_sparse_windowsSortedDisjointAndCloseNeighboursMerged() throws KexecLoadException {
        LoadedImage li = LoadedImage.load(highImage(highMachine().build(), TestArches.X86_64));
        List<AddressRange> w = li.mappedWindows();
        for (int i = 1; i < w.size(); i++) {
            assertTrue(Long.compareUnsigned(w.get(i - 1).end() + RamWindows.MERGE_GAP, w.get(i).start()) < 0,
                    "windows " + w.get(i - 1) + " and " + w.get(i) + " are close enough to be one");
        }
        assertEquals(4, w.size(), "machine area + pool, the 4 GiB segment, two 24 GiB segments 100 MiB apart: " + w);
        assertEquals(0, w.get(0).start());
    }

    @Test
    void load_sparse_destinations32KiBApartMergeAnd1MiBApartDoNot() throws KexecLoadException {
        KexecImage img = KexecImage.builder(TestArches.X86_64).layout(highMachine().build()).entry(24 * GIB)
                .segment(SegmentData.generated(100, 1), 24 * GIB, PAGE)
                .segment(SegmentData.generated(100, 2), 24 * GIB + PAGE + 32 * 1024, PAGE)
                .segment(SegmentData.generated(100, 3), 24 * GIB + 2 * PAGE + 32 * 1024 + MIB, PAGE).build();
        List<AddressRange> w = LoadedImage.load(img).mappedWindows();
        assertEquals(new AddressRange(24 * GIB, 24 * GIB + 2 * PAGE + 32 * 1024, "segment 0+segment 1"), w.get(1));
        assertEquals(new AddressRange(24 * GIB + 2 * PAGE + 32 * 1024 + MIB, 24 * GIB + 3 * PAGE + 32 * 1024 + MIB,
                "segment 2"), w.get(2));
        assertEquals(3, w.size(), w.toString());
    }

    @Test
    void load_sparse_closeDestinationsAcrossAHoleInRam_stayTwoWindows() throws KexecLoadException {
        long hole = 5 * GIB;
        MemoryLayout layout = MemoryLayout.builder().ram(0, hole).ram(hole + 4 * PAGE, GIB)
                .reserve(0, MACHINE, "machine area").sparse().build();
        KexecImage img = KexecImage.builder(TestArches.X86_64).layout(layout).entry(hole - PAGE)
                .segment(SegmentData.generated(100, 1), hole - PAGE, PAGE)
                .segment(SegmentData.generated(100, 2), hole + 4 * PAGE, PAGE).build();
        List<AddressRange> w = LoadedImage.load(img).mappedWindows();
        assertEquals(List.of(new AddressRange(hole - PAGE, hole, "segment 0"),
                new AddressRange(hole + 4 * PAGE, hole + 5 * PAGE, "segment 1")), w.subList(1, 3));
    }

    @Test
    void load_dense_mapsAllRamAsBefore() throws KexecLoadException {
        MemoryLayout dense = MemoryLayout.builder().ram(0, 64 * MIB).reserve(0, MACHINE, "machine").build();
        KexecImage img = KexecImage.builder(TestArches.ARM64).layout(dense).entry(16 * MIB)
                .segment(SegmentData.generated(100, 1), 16 * MIB, 4L * PAGE).build();
        LoadedImage li = LoadedImage.load(img);
        assertEquals(dense.ram(), li.mappedWindows());
        assertEquals(64 * MIB, li.mappedBytes());
    }

    @Test
    void load_sparseSamePlacementAsPoolAllows_deterministic() throws KexecLoadException {
        KexecImage img = highImage(highMachine().build(), TestArches.PPC64LE);
        LoadedImage a = LoadedImage.load(img, LoadOptions.defaults().withSeed(7));
        LoadedImage b = LoadedImage.load(img, LoadOptions.defaults().withSeed(7));
        assertEquals(a.mappedWindows(), b.mappedWindows());
        assertEquals(a.sourcePage(0, 5), b.sourcePage(0, 5));
    }

    @Test
    void check_sparseOverlappingSegments_einval() {
        KexecImage img = KexecImage.builder(TestArches.X86_64).layout(highMachine().build()).entry(24 * GIB)
                .segment(SegmentData.generated(100, 1), 24 * GIB, 4L * PAGE)
                .segment(SegmentData.generated(100, 2), 24 * GIB + 2L * PAGE, 4L * PAGE).build();
        KexecLoadException e = assertThrows(KexecLoadException.class, () -> LoadedImage.load(img));
        assertEquals(Errno.EINVAL, e.errno());
        assertTrue(e.getMessage().contains("segment 1 [0x600002000, 0x600006000) overlaps segment 0"), e.getMessage());
    }

    @Test
    void check_sparseSegmentOutsideTheMemoryMap_eaddrnotavail() {
        MemoryLayout e820 = MemoryLayout.builder().ram(0x100000, 3 * GIB - MIB).ram(4 * GIB, 21 * GIB)
                .reserve(0, MACHINE, "machine area").sparse().build();
        KexecImage img = KexecImage.builder(TestArches.X86_64).layout(e820).entry(24 * GIB)
                .segment(SegmentData.generated(100, 1), 3 * GIB + 512 * MIB, 4L * PAGE).build();
        KexecLoadException e = assertThrows(KexecLoadException.class, () -> LoadedImage.load(img));
        assertEquals(Errno.EADDRNOTAVAIL, e.errno());
        assertTrue(e.getMessage().contains("segment 0 [0xe0000000, 0xe0004000) is not entirely in RAM"), e.getMessage());
    }

    @Test
    void load_sparseOn32bitArch_poolStaysBelow4GiB() throws KexecLoadException {
        MemoryLayout layout = MemoryLayout.builder().ram(0, 3 * GIB).reserve(0, MACHINE, "machine").sparse().build();
        KexecImage img = KexecImage.builder(TestArches.PPC32).layout(layout).entry(3 * GIB - MIB)
                .segment(SegmentData.generated(5000, 1), 3 * GIB - MIB, 8L * PAGE).build();
        LoadedImage li = LoadedImage.load(img);
        forEachAllocatedPage(li, a -> assertTrue(a < MACHINE + 64L * PAGE, String.format("page 0x%x", a)));
        assertTrue(li.mappedBytes() < 2 * MIB, li.mappedWindows().toString());
    }

    @Test
    void load_sparseCrashImage_mapsTheReservation() throws KexecLoadException {
        MemoryLayout layout = highMachine().crashReservation(8 * GIB, 64 * MIB).build();
        KexecImage img = KexecImage.builder(TestArches.ARM64).type(ImageType.CRASH).layout(layout).entry(8 * GIB + MIB)
                .segment(SegmentData.generated(100, 1), 8 * GIB + MIB, 4L * PAGE).build();
        LoadedImage li = LoadedImage.load(img);
        assertTrue(inWindow(li, 8 * GIB, 8 * GIB + 64 * MIB), li.mappedWindows().toString());
        assertTrue(inWindow(li, li.controlPage(), li.controlPage() + PAGE));
        assertEquals(MACHINE + 64 * MIB, li.mappedBytes());
    }
}
