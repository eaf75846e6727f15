package org.kexeclab.x86;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kexeclab.image.AddressRange;
import org.kexeclab.engine.GuestMemory;

/**
 * Adds mappings of single virtual pages (4 KiB, or 1 GiB) to x86-64 four-level tables under a
 * PML4 that may already be in guest memory, allocating the tables a mapping needs from an
 * area one 4 KiB page at a time, as the kernel's {@code get_zeroed_page} calls do for
 * {@code init_transition_pgtable}. Tables are read from guest memory the first time they are
 * touched and written back by {@link #write}.
 */
final class PageTableWriter {
    /** Present, writable, accessed, dirty: {@code _KERNPG_TABLE}, the kernel's bits for a table entry. */
    static final long TABLE_ENTRY = 0x63;
    /** Present, writable, accessed, dirty, global: {@code PAGE_KERNEL_EXEC}, the kernel's bits for its own text and data. */
    static final long KERNEL_PAGE = 0x163;
    /** The page-size bit of a 1 GiB or 2 MiB entry. */
    static final long LARGE = 0x80;
    private static final int TABLE = 4096;
    private static final int ENTRIES = 512;

    private final GuestMemory memory;
    private final AddressRange area;
    private final Map<Long, long[]> tables = new LinkedHashMap<>();
    private final List<Long> allocated = new ArrayList<>();

    PageTableWriter(GuestMemory memory, AddressRange area) {
        this.memory = memory;
        this.area = area;
    }

    /** A new, empty table page from the area (a PML4 of its own, or a lower table). */
    long allocate() {
        long page = area.start() + (long) allocated.size() * TABLE;
        if (Long.compareUnsigned(page + TABLE, area.end()) > 0) {
            throw new IllegalArgumentException("the page tables need more than the " + allocated.size()
                    + " pages of " + area);
        }
        allocated.add(page);
        tables.put(page, new long[ENTRIES]);
        return page;
    }

    /** Maps the 4 KiB page at {@code virtual} to the physical page {@code physical} with {@code flags}. */
    void map4k(long pml4, long virtual, long physical, long flags) {
        long pt = child(child(child(pml4, virtual, 39), virtual, 30), virtual, 21);
        table(pt)[index(virtual, 12)] = physical & -TABLE | flags;
    }

    /** Maps the 1 GiB page at {@code virtual} to {@code physical} (both 1 GiB aligned) with {@code flags}. */
    void map1g(long pml4, long virtual, long physical, long flags) {
        long pdpt = child(pml4, virtual, 39);
        table(pdpt)[index(virtual, 30)] = physical | flags | LARGE;
    }

    /** Writes every table touched or allocated into guest memory. */
    void write() {
        ByteBuffer buf = ByteBuffer.allocate(TABLE).order(ByteOrder.LITTLE_ENDIAN);
        tables.forEach((page, entries) -> {
            buf.clear();
            for (long e : entries) {
                buf.putLong(e);
            }
            memory.write(page, buf.array());
        });
    }

    /** The table the entry for {@code virtual} at level {@code shift} of {@code table} points to, created if absent. */
    private long child(long table, long virtual, int shift) {
        long[] entries = table(table);
        int i = index(virtual, shift);
        if ((entries[i] & IdentityPageTables.PRESENT) == 0) {
            entries[i] = allocate() | TABLE_ENTRY;
        } else if ((entries[i] & LARGE) != 0) {
            throw new IllegalArgumentException(String.format("0x%x is already mapped by a large page", virtual));
        }
        return entries[i] & PageTableWalker.ADDRESS_MASK;
    }

    private long[] table(long page) {
        return tables.computeIfAbsent(page, p -> {
            ByteBuffer b = ByteBuffer.wrap(memory.read(p, TABLE)).order(ByteOrder.LITTLE_ENDIAN);
            long[] entries = new long[ENTRIES];
            for (int i = 0; i < ENTRIES; i++) {
                entries[i] = b.getLong();
            }
            return entries;
        });
    }

    private static int index(long virtual, int shift) {
        return (int) (virtual >>> shift) & (ENTRIES - 1);
    }
}
