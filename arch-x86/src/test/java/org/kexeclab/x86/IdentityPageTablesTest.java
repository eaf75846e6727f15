package org.kexeclab.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.kexeclab.engine.SparseMemory;
import org.kexeclab.image.AddressRange;
import org.junit.jupiter.api.Test;

class IdentityPageTablesTest {

    private static final AddressRange AREA = AddressRange.of(0x9000_0000L, 64 * 4096);

    private static SparseMemory memory() {
        return new SparseMemory().map(AREA.start(), AREA.size());
    }

    @Test
    void build_ramAndFarSegments_everyAddressMapsToItself() {
        SparseMemory mem = memory();
        List<AddressRange> ranges = List.of(AddressRange.of(0, 64L << 20),
                AddressRange.of(0x1_2345_6000L, 0x3000), AddressRange.of(512L << 30, 4096));
        IdentityPageTables.Tables t = IdentityPageTables.build(mem, AREA, ranges);
        assertEquals(AREA.start(), t.pml4());
        // PML4 + PDPTs for PML4 slots 0 and 1 + PDs for (0,0), (0,4) and (1,0)
        assertEquals(6, t.tables().size());
        assertEquals(Optional.empty(), new PageTableWalker(mem, t.pml4()).findNonIdentity(ranges));
    }

    @Test
    void build_unalignedRange_isWidenedToLargePages() {
        SparseMemory mem = memory();
        IdentityPageTables.Tables t = IdentityPageTables.build(mem, AREA, List.of(AddressRange.of(0x3ff000, 0x2000)));
        PageTableWalker w = new PageTableWalker(mem, t.pml4());
        assertEquals(Optional.empty(), w.findNonIdentity(List.of(new AddressRange(0x200000, 0x600000, ""))));
        assertTrue(w.translate(0x600000).isEmpty());
        assertTrue(w.translate(0x1fffff).isEmpty());
        assertEquals(IdentityPageTables.LARGE_PAGE, w.translate(0x400123).orElseThrow().pageSize());
    }

    @Test
    void walker_addressOutsideMap_reportsNotMapped() {
        SparseMemory mem = memory();
        IdentityPageTables.Tables t = IdentityPageTables.build(mem, AREA, List.of(AddressRange.of(0, 2L << 20)));
        PageTableWalker.Mismatch m = new PageTableWalker(mem, t.pml4())
                .findNonIdentity(List.of(AddressRange.of(0x1ff000, 0x2000))).orElseThrow();
        assertEquals(0x200000, m.address());
        assertEquals(-1, m.physical());
    }

    @Test
    void walker_corruptedEntry_reportsWhereAddressGoes() {
        SparseMemory mem = memory();
        IdentityPageTables.Tables t = IdentityPageTables.build(mem, AREA, List.of(AddressRange.of(0, 8L << 20)));
        long pd = t.tables().get(2);
        // entry 3 of the page directory (6..8 MiB) now points at 0x40000000
        mem.write(pd + 3 * 8, le(0x4000_0000L | 0x83));
        PageTableWalker.Mismatch m = new PageTableWalker(mem, t.pml4())
                .findNonIdentity(List.of(AddressRange.of(0, 8L << 20))).orElseThrow();
        assertEquals(6L << 20, m.address());
        assertEquals(0x4000_0000L, m.physical());
    }

    @Test
    void walker_fourKiBAndOneGiBPages_translate() {
        SparseMemory mem = memory();
        long pml4 = AREA.start();
        long pdpt = pml4 + 0x1000;
        long pd = pml4 + 0x2000;
        long pt = pml4 + 0x3000;
        mem.write(pml4, le(pdpt | 3));
        mem.write(pdpt + 8, le((1L << 30) | 0x83));      // 1 GiB page: [1 GiB, 2 GiB) -> itself
        mem.write(pdpt, le(pd | 3));
        mem.write(pd, le(pt | 3));
        mem.write(pt + 5 * 8, le(0x7000 | 3));           // 4 KiB page: 0x5000 -> 0x7000
        PageTableWalker w = new PageTableWalker(mem, pml4 | 0x18);
        assertEquals(new PageTableWalker.Translation(0x5abc, 0x7abc, 4096), w.translate(0x5abc).orElseThrow());
        assertEquals(new PageTableWalker.Translation(0x4123_4567L, 0x4123_4567L, 1L << 30), w.translate(0x4123_4567L).orElseThrow());
        assertTrue(w.translate(0x6000).isEmpty());
    }

    @Test
    void build_badArea_isRejectedWithReason() {
        SparseMemory mem = memory();
        List<AddressRange> ram = List.of(AddressRange.of(0, 1L << 30));
        assertThrows(IllegalArgumentException.class, () -> IdentityPageTables.build(mem, AddressRange.of(0x9000_0010L, 0x10000), ram));
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> IdentityPageTables.build(mem, AddressRange.of(AREA.start(), 2 * 4096), List.of(AddressRange.of(0, 4096))));
        assertTrue(small.getMessage().contains("needs more than the 2 table pages"), small.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> IdentityPageTables.build(mem, AREA, List.of(AddressRange.of(IdentityPageTables.LIMIT - 4096, 8192))));
    }

    @Property(tries = 40)
    void build_randomRanges_walkerProvesIdentity(
            @ForAll @Size(min = 1, max = 5) List<@LongRange(min = 0, max = (1L << 40)) Long> starts,
            @ForAll @LongRange(min = 1, max = 64L << 20) long size) {
        List<AddressRange> ranges = new ArrayList<>();
        for (long s : starts) {
            ranges.add(AddressRange.of(s & -4096L, size));
        }
        SparseMemory mem = new SparseMemory().map(AREA.start(), 256 * 4096);
        IdentityPageTables.Tables t = IdentityPageTables.build(mem, AddressRange.of(AREA.start(), 256 * 4096), ranges);
        assertEquals(Optional.empty(), new PageTableWalker(mem, t.pml4()).findNonIdentity(ranges));
    }

    private static byte[] le(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }
}
