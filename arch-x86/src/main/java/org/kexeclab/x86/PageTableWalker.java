package org.kexeclab.x86;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kexeclab.engine.GuestMemory;
import org.kexeclab.image.AddressRange;

/**
 * Walks x86-64 four-level page tables in guest memory the way the MMU would (4 KiB,
 * 2 MiB and 1 GiB pages), so a verifier can prove that an identity map really maps every
 * address to itself: the CPU engine does not translate, so nothing else would notice a
 * wrong table. Table pages are read once and cached; the walker sees memory as it was at
 * its first read of each table.
 */
public final class PageTableWalker {

    /** Physical-address bits 12..51 of a table entry or CR3. */
    static final long ADDRESS_MASK = 0x000f_ffff_ffff_f000L;
    private static final long PRESENT = 0x1;
    private static final long PAGE_SIZE_BIT = 0x80;

    /**
     * Where one linear address goes.
     *
     * @param linear   the address looked up
     * @param physical the address it maps to
     * @param pageSize bytes of the page that maps it (4 KiB, 2 MiB or 1 GiB)
     */
    public record Translation(long linear, long physical, long pageSize) {
        /** First address of the mapping page. */
        public long pageStart() {
            return linear & -pageSize;
        }
    }

    /**
     * An address the tables do not map to itself.
     *
     * @param address  the address
     * @param physical where it maps, or -1 if it is not mapped at all
     * @param reason   one sentence: which level was not present, or where it points instead
     */
    public record Mismatch(long address, long physical, String reason) {
    }

    private final GuestMemory memory;
    private final long pml4;
    private final Map<Long, long[]> cache = new HashMap<>();

    /** A walker over the tables whose root is {@code cr3} (flag bits in it are ignored). */
    public PageTableWalker(GuestMemory memory, long cr3) {
        this.memory = memory;
        this.pml4 = cr3 & ADDRESS_MASK;
    }

    /** Translates {@code linear}; empty if some level has no present entry. */
    public Optional<Translation> translate(long linear) {
        long table = pml4;
        int shift = 39;
        for (int level = 4; level >= 1; level--, shift -= 9) {
            long entry = entry(table, (int) (linear >>> shift) & 511);
            if ((entry & PRESENT) == 0) {
                return Optional.empty();
            }
            boolean leaf = level == 1 || (level <= 3 && (entry & PAGE_SIZE_BIT) != 0);
            if (leaf) {
                long size = 1L << shift;
                long frame = entry & ADDRESS_MASK & -size;
                return Optional.of(new Translation(linear, frame | (linear & (size - 1)), size));
            }
            table = entry & ADDRESS_MASK;
        }
        throw new AssertionError("unreachable: level 1 is always a leaf");
    }

    /**
     * The first address in {@code ranges} that does not map to itself, or empty if every
     * one does. Visits each mapping page once, so large ranges cost one walk per page.
     */
    public Optional<Mismatch> findNonIdentity(List<AddressRange> ranges) {
        for (AddressRange r : ranges) {
            long a = r.start();
            while (Long.compareUnsigned(a, r.end()) < 0) {
                Optional<Translation> t = translate(a);
                if (t.isEmpty()) {
                    return Optional.of(new Mismatch(a, -1, String.format("address %#x is not mapped", a)));
                }
                if (t.get().physical() != a) {
                    return Optional.of(new Mismatch(a, t.get().physical(),
                            String.format("address %#x maps to %#x, not to itself", a, t.get().physical())));
                }
                long next = t.get().pageStart() + t.get().pageSize();
                if (next == 0) {
                    break; // wrapped at the top of the address space
                }
                a = next;
            }
        }
        return Optional.empty();
    }

    private long entry(long table, int index) {
        long[] entries = cache.computeIfAbsent(table, this::readTable);
        return entries[index];
    }

    private long[] readTable(long table) {
        byte[] raw = memory.read(table, 4096);
        long[] entries = new long[512];
        for (int i = 0; i < 512; i++) {
            long v = 0;
            for (int k = 7; k >= 0; k--) {
                v = v << 8 | (raw[8 * i + k] & 0xff);
            }
            entries[i] = v;
        }
        return entries;
    }
}
