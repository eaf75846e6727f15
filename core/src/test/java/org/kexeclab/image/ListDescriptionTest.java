package org.kexeclab.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kexeclab.TestArches;
import org.kexeclab.engine.SparseMemory;

/** The plain-words description of a COMPACT-placed list, whose addresses are predictable. */
class ListDescriptionTest {
    private static final int PAGE = 4096;
    private LoadedImage li;

    @BeforeEach
    void load() throws KexecLoadException {
        MemoryLayout layout = MemoryLayout.builder().ram(0, 16L << 20).reserve(0, PAGE, "zero page").build();
        KexecImage img = KexecImage.builder(TestArches.X86_64).layout(layout).entry(0x100000)
                .segment(SegmentData.generated(100, 1), 0x100000, 2L * PAGE)
                .segment(SegmentData.generated(PAGE * 5L, 2), 0x1000000 - 5L * PAGE, 5L * PAGE)
                .build();
        // control 0x1000, swap 0x2000, list page 0x3000, sources 0x4000, 0x5000, 0x6000...
        li = LoadedImage.load(img, LoadOptions.defaults().withPlacement(Placement.COMPACT));
    }

    @Test
    void describe_sourceEntry_namesPageDestinationAndSegment() {
        assertEquals("entry 6 at 0x3030: SOURCE page 0x8000 -> destination 0xffd000, page 2 of 5 of segment 1",
                li.description().describe(6));
    }

    @Test
    void describe_destinationAndDoneEntries_sayWhatTheyDo() {
        ListDescription d = li.description();
        assertEquals("entry 0 at 0x3000: DESTINATION 0x100000, start of segment 0 (2 pages)", d.describe(0));
        assertEquals("entry 3 at 0x3018: DESTINATION 0xffb000, start of segment 1 (5 pages)", d.describe(3));
        assertEquals("entry 9 at 0x3048: DONE, end of the list", d.describe(9));
        assertEquals(10, d.size());
        assertEquals("head 0x3002: INDIRECTION -> first indirection page 0x3000", d.describeHead());
    }

    @Test
    void entryAt_listAddress_findsTheEntryTheStubReads() {
        Optional<ListEntry> e = li.description().entryAt(0x3010);
        assertTrue(e.isPresent());
        assertEquals(2, e.get().index());
        assertEquals(EntryKind.SOURCE, e.get().kind());
        assertEquals(0x101000, e.get().destination());
        assertEquals(Optional.empty(), li.description().entryAt(0x3050));
    }

    @Test
    void describe_everyEntry_agreesWithTheWalkOverMemory() {
        SparseMemory mem = new SparseMemory().map(0, 16L << 20);
        li.writeList(mem);
        ListDescription d = li.description();
        int[] n = {-1};
        new ListWalker(mem, TestArches.X86_64).walk(li.head(), (at, entry, kind, dest) -> {
            if (at != ListWalker.HEAD) {
                ListEntry e = d.entryAt(at).orElseThrow();
                assertEquals(++n[0], e.index());
                assertEquals(entry, e.value());
                assertEquals(kind, e.kind());
                if (kind == EntryKind.SOURCE) {
                    assertEquals(dest, e.destination());
                }
            }
        });
        assertEquals(d.size() - 1, n[0]);
    }

    @Test
    void describeTo_wholeList_oneLinePerEntryPlusHead() {
        StringBuilder sb = new StringBuilder();
        li.description().describeTo(sb);
        assertEquals(11, sb.toString().split("\n").length);
    }
}
