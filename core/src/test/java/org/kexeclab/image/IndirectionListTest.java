package org.kexeclab.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.converter.ConvertWith;
import org.junit.jupiter.params.provider.CsvSource;
import org.kexeclab.Arch;
import org.kexeclab.TestArches;
import org.kexeclab.engine.SparseMemory;

/** The list's exact layout: head, entry order, link slots, encodings, DONE placement. */
class IndirectionListTest {
    private static final int PAGE = 4096;

    /** 64 MiB of RAM, page 0 reserved, COMPACT placement: every address is predictable. */
    private static LoadedImage compact(Arch arch, long mem, int pages, long bufsz) throws KexecLoadException {
        MemoryLayout layout = MemoryLayout.builder().ram(0, 64L << 20).reserve(0, PAGE, "zero page").build();
        KexecImage img = KexecImage.builder(arch).layout(layout).entry(mem)
                .segment(SegmentData.generated(bufsz, 7), mem, (long) pages * PAGE).build();
        return LoadedImage.load(img, LoadOptions.defaults().withPlacement(Placement.COMPACT));
    }

    @ParameterizedTest
    @CsvSource({
        "X86_64,  0100080000000000 0840000000000000 0850000000000000 0400000000000000",
        "PPC64,   0000000000080001 0000000000004008 0000000000005008 0000000000000004",
        "ARM,     01000800 08400000 08500000 04000000",
        "PPC32,   00080001 00004008 00005008 00000004",
    })
    void write_twoPageSegment_matchesKernelLayoutBytes(@ConvertWith(TestArches.Converter.class) Arch arch, String hex) throws KexecLoadException {
        LoadedImage li = compact(arch, 0x80000, 2, 5);
        assertEquals(0x1000, li.controlPage());
        assertEquals(0x2000, li.swapPage());
        assertEquals(0x3000 | IndirectionList.IND_INDIRECTION, li.head());
        SparseMemory mem = new SparseMemory().map(0, 64L << 20);
        li.writeList(mem);
        byte[] expected = HexFormat.of().parseHex(hex.replace(" ", ""));
        assertArrayEquals(expected, mem.read(0x3000, expected.length));
        assertArrayEquals(new byte[PAGE - expected.length], mem.read(0x3000 + expected.length, PAGE - expected.length));
    }

    @Test
    void load_1200Pages64bit_chainsThreeIndirectionPages() throws KexecLoadException {
        LoadedImage li = compact(TestArches.ARM64, 0x1000000, 1200, 1200L * PAGE);
        IndirectionList list = li.list();
        assertEquals(3, list.pageCount());
        assertEquals(1 + 1200 + 2 + 1, list.entryCount());
        assertEquals(list.pageAddress(1) | IndirectionList.IND_INDIRECTION, list.entry(511));
        assertEquals(list.pageAddress(2) | IndirectionList.IND_INDIRECTION, list.entry(1023));
        assertEquals(IndirectionList.IND_DONE, list.entry(list.entryCount() - 1));
        assertEquals(list.pageAddress(1), list.entryAddress(512));
        assertEquals(list.pageAddress(1) + 8, list.entryAddress(513));
        assertEquals(1200, walkCopies(li, TestArches.ARM64).size());
    }

    @Test
    void load_2500Pages32bit_chainsThreeIndirectionPagesOf1023() throws KexecLoadException {
        LoadedImage li = compact(TestArches.ARM, 0x1000000, 2500, 10);
        IndirectionList list = li.list();
        assertEquals(3, list.pageCount());
        assertEquals(list.pageAddress(1) | IndirectionList.IND_INDIRECTION, list.entry(1023));
        assertEquals(list.pageAddress(2) | IndirectionList.IND_INDIRECTION, list.entry(2047));
        assertEquals(2500, walkCopies(li, TestArches.ARM).size());
    }

    @Test
    void load_exactly511Entries_doneTakesTheLinkSlot() throws KexecLoadException {
        LoadedImage li = compact(TestArches.X86_64, 0x1000000, 510, 0);
        IndirectionList list = li.list();
        assertEquals(1, list.pageCount());
        assertEquals(512, list.entryCount());
        assertEquals(IndirectionList.IND_DONE, list.entry(511));
        assertEquals(510, walkCopies(li, TestArches.X86_64).size());
    }

    @Test
    void load_511SourcePages_lastSourceAndDoneSpillToSecondPage() throws KexecLoadException {
        LoadedImage li = compact(TestArches.X86_64, 0x1000000, 511, 0);
        IndirectionList list = li.list();
        assertEquals(2, list.pageCount());
        assertEquals(list.pageAddress(1) | IndirectionList.IND_INDIRECTION, list.entry(511));
        assertEquals(li.sourcePage(0, 510) | IndirectionList.IND_SOURCE, list.entry(512));
        assertEquals(IndirectionList.IND_DONE, list.entry(513));
        assertEquals(514, list.entryCount());
    }

    @Test
    void load_crashImage_headIsDoneAndNoListPages() throws KexecLoadException {
        KexecImage img = TestImages.randomCrash(TestArches.PPC32, 5);
        LoadedImage li = LoadedImage.load(img);
        assertEquals(IndirectionList.IND_DONE, li.head());
        assertEquals(0, li.list().pageCount());
        assertEquals(LoadedImage.NO_PAGE, li.swapPage());
        assertEquals(List.of(), walkCopies(li, TestArches.PPC32));
    }

    @Test
    void entryAt_addressOfEntry_returnsThatEntry() throws KexecLoadException {
        LoadedImage li = compact(TestArches.X86_64, 0x1000000, 600, 0);
        IndirectionList list = li.list();
        for (int n : new int[] {0, 1, 510, 511, 512, list.entryCount() - 1}) {
            assertEquals(n, list.entryAt(list.entryAddress(n)));
        }
        assertEquals(-1, list.entryAt(list.entryAddress(0) + 4));
        assertEquals(-1, list.entryAt(0x1000000));
    }

    private static List<ListWalker.PageCopy> walkCopies(LoadedImage li, Arch arch) {
        SparseMemory mem = new SparseMemory().map(0, 64L << 20);
        li.writeList(mem);
        return new ListWalker(mem, arch).copies(li.head());
    }
}
