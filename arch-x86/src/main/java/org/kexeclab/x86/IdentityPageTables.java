package org.kexeclab.x86;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kexeclab.engine.GuestMemory;
import org.kexeclab.image.AddressRange;

/**
 * Builds x86-64 four-level page tables that map given physical ranges to themselves with
 * 2 MiB pages, as {@code machine_kexec_prepare} does before relocation (the kernel may also
 * use 1 GiB pages; 2 MiB pages are what this model writes). Tables are allocated one 4 KiB
 * page at a time from a table area, the PML4 first, and written into guest memory.
 * Entries are present and writable; 2 MiB entries also carry the page-size bit.
 */
public final class IdentityPageTables {

    /** Bytes one 2 MiB page maps. */
    public static final long LARGE_PAGE = 2L << 20;
    /** Highest address + 1 that four-level paging can map. */
    public static final long LIMIT = 1L << 47;
    static final long PRESENT = 0x1;
    static final long WRITABLE = 0x2;
    static final long PAGE_SIZE_BIT = 0x80;
    private static final int TABLE = 4096;
    private static final int ENTRIES = 512;

    /**
     * The result: the CR3 value (physical address of the PML4) and every table page used.
     *
     * @param pml4   physical address of the top-level table; load it into CR3
     * @param tables physical addresses of all table pages, PML4 first
     */
    public record Tables(long pml4, List<Long> tables) {
        public Tables {
            tables = List.copyOf(tables);
        }

        /** The memory the tables occupy, for keeping it out of the way of relocation. */
        public AddressRange footprint() {
            return AddressRange.of(pml4, (long) tables.size() * TABLE);
        }
    }

    private final long areaStart;
    private final long areaEnd;
    private final Map<Long, long[]> contents = new HashMap<>();
    private final List<Long> order = new ArrayList<>();

    private IdentityPageTables(AddressRange area) {
        this.areaStart = area.start();
        this.areaEnd = area.end();
    }

    /**
     * Writes identity tables for {@code ranges} (each widened to 2 MiB boundaries) into
     * {@code memory}, allocating table pages from {@code area}.
     *
     * @throws IllegalArgumentException if the area is not page-aligned, is too small for the
     *         tables needed, or a range reaches past the 128 TiB four-level paging covers
     */
    public static Tables build(GuestMemory memory, AddressRange area, List<AddressRange> ranges) {
        if ((area.start() & (TABLE - 1)) != 0) {
            throw new IllegalArgumentException("the page-table area " + area + " must start on a 4 KiB boundary");
        }
        IdentityPageTables b = new IdentityPageTables(area);
        long pml4 = b.allocate();
        for (AddressRange r : ranges) {
            if (Long.compareUnsigned(r.end(), LIMIT) > 0) {
                throw new IllegalArgumentException("range " + r + " reaches past the 128 TiB four-level paging can map");
            }
            long first = r.start() & -LARGE_PAGE;
            for (long page = first; page < r.end(); page += LARGE_PAGE) {
                b.mapLarge(pml4, page);
            }
        }
        b.writeTo(memory);
        return new Tables(pml4, b.order);
    }

    private void mapLarge(long pml4, long address) {
        long pdpt = child(pml4, (int) (address >>> 39) & (ENTRIES - 1));
        long pd = child(pdpt, (int) (address >>> 30) & (ENTRIES - 1));
        contents.get(pd)[(int) (address >>> 21) & (ENTRIES - 1)] = address | PRESENT | WRITABLE | PAGE_SIZE_BIT;
    }

    /** The next-level table under entry {@code index} of {@code table}, created if absent. */
    private long child(long table, int index) {
        long[] entries = contents.get(table);
        if ((entries[index] & PRESENT) == 0) {
            entries[index] = allocate() | PRESENT | WRITABLE;
        }
        return entries[index] & PageTableWalker.ADDRESS_MASK;
    }

    private long allocate() {
        long page = areaStart + (long) order.size() * TABLE;
        if (Long.compareUnsigned(page + TABLE, areaEnd) > 0) {
            throw new IllegalArgumentException("the identity map needs more than the " + order.size()
                    + " table pages the page-table area [0x" + Long.toHexString(areaStart) + ", 0x"
                    + Long.toHexString(areaEnd) + ") holds (each maps 1 GiB with 2 MiB pages): give the machine less "
                    + "RAM (--mem " + (order.size() - 2) + "G or less)");
        }
        contents.put(page, new long[ENTRIES]);
        order.add(page);
        return page;
    }

    private void writeTo(GuestMemory memory) {
        byte[] buf = new byte[TABLE];
        for (long page : order) {
            long[] entries = contents.get(page);
            for (int i = 0; i < ENTRIES; i++) {
                for (int k = 0; k < 8; k++) {
                    buf[8 * i + k] = (byte) (entries[i] >>> (8 * k));
                }
            }
            memory.write(page, buf);
        }
    }

    /** The table pages in allocation order (for tests). */
    List<Long> pages() {
        return Collections.unmodifiableList(order);
    }
}
