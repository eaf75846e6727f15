package org.kexeclab.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.kexeclab.Arch;
import org.kexeclab.engine.SparseMemory;

/** Properties of loading random segment layouts on every architecture and both placements. */
class LoadedImagePropertiesTest {
    private static final int PAGE = TestImages.PAGE;

    private static LoadedImage load(Arch arch, long seed, int segments, Placement placement, int control)
            throws KexecLoadException {
        KexecImage img = TestImages.randomDefault(arch, seed, segments);
        return LoadedImage.load(img, new LoadOptions(seed, placement, control));
    }

    @Property(tries = 200)
    void decode_writtenList_yieldsExactlyTheSegments(@ForAll Arch arch, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 6) int segments, @ForAll Placement placement) throws KexecLoadException {
        LoadedImage li = load(arch, seed, segments, placement, 1);
        SparseMemory mem = TestImages.memory();
        li.writeList(mem);
        List<ListWalker.PageCopy> expected = new ArrayList<>();
        List<Long> destinations = new ArrayList<>();
        for (int i = 0; i < li.image().segments().size(); i++) {
            long m = li.image().segments().get(i).mem();
            destinations.add(m);
            for (int k = 0; k < li.pageCount(i); k++) {
                expected.add(new ListWalker.PageCopy(li.sourcePage(i, k), m + (long) k * PAGE));
            }
        }
        ListWalker walker = new ListWalker(mem, arch);
        assertEquals(expected, walker.copies(li.head()));
        List<Long> walkedDestinations = new ArrayList<>();
        int[] n = {-1};
        walker.walk(li.head(), (at, e, kind, d) -> {
            if (at != ListWalker.HEAD) {
                assertEquals(++n[0], li.list().entryAt(at), () -> String.format("entryAt(0x%x)", at));
            }
            if (kind == EntryKind.DESTINATION) {
                walkedDestinations.add(e & -PAGE);
            }
        });
        assertEquals(destinations, walkedDestinations);
        assertEquals(li.list().entryCount() - 1, n[0]);
    }

    @Property(tries = 200)
    void copies_everyDestinationPage_hasExactlyOneSource(@ForAll Arch arch, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 6) int segments, @ForAll Placement placement) throws KexecLoadException {
        LoadedImage li = load(arch, seed, segments, placement, 1);
        SparseMemory mem = TestImages.memory();
        li.writeList(mem);
        Map<Long, Integer> sourcesPerDestination = new HashMap<>();
        Set<Long> sources = new HashSet<>();
        for (ListWalker.PageCopy c : new ListWalker(mem, arch).copies(li.head())) {
            sourcesPerDestination.merge(c.destination(), 1, Integer::sum);
            assertTrue(sources.add(c.source()), () -> "source page used twice: " + c);
        }
        assertEquals(li.totalPages(), sourcesPerDestination.size());
        sourcesPerDestination.forEach((d, n) -> assertEquals(1, n, () -> String.format("destination 0x%x", d)));
    }

    @Property(tries = 200)
    void load_anyLayout_obeysTheAllocatorRules(@ForAll Arch arch, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 6) int segments, @ForAll Placement placement,
            @ForAll @IntRange(min = 0, max = 2) int controlOrder) throws KexecLoadException {
        LoadedImage li = load(arch, seed, segments, placement, 1 << controlOrder);
        List<AddressRange> dests = li.oracle().destinations();
        MemoryLayout layout = li.image().layout();
        Set<Long> used = new HashSet<>();
        for (int i = 0; i < li.image().segments().size(); i++) {
            long m = li.image().segments().get(i).mem();
            for (int k = 0; k < li.pageCount(i); k++) {
                long src = li.sourcePage(i, k);
                boolean own = src == m + (long) k * PAGE;
                assertTrue(own || Ranges.firstOverlap(dests, src, src + PAGE) == null,
                        () -> String.format("source 0x%x is another page's destination", src));
                assertAllocatable(layout, src, own);
                assertTrue(used.add(src));
            }
        }
        List<Long> metadata = new ArrayList<>();
        for (int c = 0; c < li.controlPageCount(); c++) {
            metadata.add(li.controlPage() + (long) c * PAGE);
        }
        assertEquals(0, li.controlPage() % ((long) li.controlPageCount() * PAGE), "control block alignment");
        metadata.add(li.swapPage());
        for (int p = 0; p < li.list().pageCount(); p++) {
            metadata.add(li.list().pageAddress(p));
        }
        for (long page : metadata) {
            assertTrue(Ranges.firstOverlap(dests, page, page + PAGE) == null,
                    () -> String.format("page 0x%x is inside a destination", page));
            assertAllocatable(layout, page, false);
            assertTrue(used.add(page), () -> String.format("page 0x%x allocated twice", page));
        }
    }

    private static void assertAllocatable(MemoryLayout layout, long page, boolean ownDestination) {
        assertTrue(layout.isRam(page, page + PAGE), () -> String.format("0x%x not in RAM", page));
        assertFalse(Ranges.firstOverlap(layout.reserved(), page, page + PAGE) != null,
                () -> String.format("0x%x is reserved", page));
        if (!ownDestination) {
            assertFalse(layout.crashReservation().orElseThrow().contains(page),
                    () -> String.format("0x%x is in the crash reservation", page));
        }
    }

    @Property(tries = 100)
    void load_sameImageAndSeed_samePlacement(@ForAll Arch arch, @ForAll long seed,
            @ForAll Placement placement) throws KexecLoadException {
        LoadedImage a = load(arch, seed, 4, placement, 1);
        LoadedImage b = load(arch, seed, 4, placement, 1);
        assertEquals(a.head(), b.head());
        assertEquals(a.controlPage(), b.controlPage());
        assertEquals(a.list().entryCount(), b.list().entryCount());
        for (int n = 0; n < a.list().entryCount(); n++) {
            assertEquals(a.list().entry(n), b.list().entry(n));
        }
    }

    @Property(tries = 100)
    void load_crashImage_controlPageInReservationOutsideSegments(@ForAll Arch arch, @ForAll long seed)
            throws KexecLoadException {
        LoadedImage li = LoadedImage.load(TestImages.randomCrash(arch, seed));
        long c = li.controlPage();
        assertTrue(li.image().layout().crashReservation().orElseThrow().containsAll(c, c + PAGE));
        assertTrue(Ranges.firstOverlap(li.oracle().destinations(), c, c + PAGE) == null);
        assertEquals(IndirectionList.IND_DONE, li.head());
        for (int i = 0; i < li.image().segments().size(); i++) {
            assertEquals(li.image().segments().get(i).mem(), li.sourcePage(i, 0));
        }
    }
}
