package org.kexeclab.image;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The modelled buddy allocator: the free pages of allocatable RAM (RAM minus reserved
 * ranges minus the crash reservation, below the source memory limit and the word size's
 * reach), handed out lowest-first (COMPACT) or pseudo-randomly from a seed (SCATTER).
 * One bit per page of state; no allocation per page.
 */
final class PagePool {
    static final long NONE = -1L;
    private static final int PROBES = 64;

    private final int pageShift;
    private final long[] rangeStart;
    private final long[] rangeFirst;
    private final long total;
    private final long[] taken;
    private final SplittableRandom random;
    private long lowestFree;
    private long free;

    PagePool(MemoryLayout layout, int wordSize, LoadOptions options) {
        this(usable(layout, wordSize), layout.pageSize(), options);
    }

    /** A pool of exactly the pages of {@code ranges} (sorted, disjoint, page-aligned). */
    PagePool(List<AddressRange> ranges, int pageSize, LoadOptions options) {
        this.pageShift = Integer.numberOfTrailingZeros(pageSize);
        rangeStart = new long[ranges.size()];
        rangeFirst = new long[ranges.size() + 1];
        for (int i = 0; i < ranges.size(); i++) {
            rangeStart[i] = ranges.get(i).start();
            rangeFirst[i + 1] = rangeFirst[i] + (ranges.get(i).size() >>> pageShift);
        }
        total = rangeFirst[ranges.size()];
        taken = new long[(int) ((total + 63) >>> 6)];
        free = total;
        random = options.placement() == Placement.SCATTER ? new SplittableRandom(options.seed()) : null;
    }

    /** Allocatable RAM below the source memory limit and within the word size's reach. */
    static List<AddressRange> usable(MemoryLayout layout, int wordSize) {
        long reach = wordSize == 8 ? -1L : 0xffff_ffffL;
        long limit = Long.compareUnsigned(layout.sourceMemoryLimit(), reach) < 0 ? layout.sourceMemoryLimit() : reach;
        int shift = Integer.numberOfTrailingZeros(layout.pageSize());
        long cap = ((limit >>> shift) + 1) << shift;
        List<AddressRange> out = new ArrayList<>();
        for (AddressRange r : layout.allocatableRam()) {
            long end = cap != 0 && Long.compareUnsigned(r.end(), cap) > 0 ? cap : r.end();
            if (Long.compareUnsigned(end, r.start()) > 0) {
                out.add(new AddressRange(r.start(), end, r.label()));
            }
        }
        return out;
    }

    /** Pages still free. */
    long freePages() {
        return free;
    }

    /** Index of the page at {@code address} in the pool, or -1 if it is not a pool page. */
    long indexOf(long address) {
        for (int r = rangeStart.length - 1; r >= 0; r--) {
            if (Long.compareUnsigned(address, rangeStart[r]) >= 0) {
                long page = (address - rangeStart[r]) >>> pageShift;
                return page < rangeFirst[r + 1] - rangeFirst[r] ? rangeFirst[r] + page : -1;
            }
        }
        return -1;
    }

    private long addressOf(long index) {
        int r = rangeStart.length - 1;
        while (rangeFirst[r] > index) {
            r--;
        }
        return rangeStart[r] + ((index - rangeFirst[r]) << pageShift);
    }

    private boolean isTaken(long index) {
        return (taken[(int) (index >>> 6)] & (1L << index)) != 0;
    }

    private void mark(long index, boolean on) {
        if (on) {
            taken[(int) (index >>> 6)] |= 1L << index;
            free--;
        } else {
            taken[(int) (index >>> 6)] &= ~(1L << index);
            free++;
            lowestFree = Math.min(lowestFree, index);
        }
    }

    /** Allocates one page; returns its address or {@link #NONE} when RAM is exhausted. */
    long allocate() {
        if (free == 0) {
            return NONE;
        }
        long start = lowestFree;
        if (random != null) {
            for (int i = 0; i < PROBES; i++) {
                long idx = random.nextLong(total);
                if (!isTaken(idx)) {
                    mark(idx, true);
                    return addressOf(idx);
                }
            }
            start = random.nextLong(total);
        }
        long idx = nextFree(start);
        if (idx < 0) {
            idx = nextFree(0);
        }
        if (random == null) {
            lowestFree = idx + 1;
        }
        mark(idx, true);
        return addressOf(idx);
    }

    private long nextFree(long from) {
        for (long i = from; i < total; ) {
            long word = ~taken[(int) (i >>> 6)] & (-1L << i);
            if (word != 0) {
                long idx = (i & ~63L) + Long.numberOfTrailingZeros(word);
                return idx < total ? idx : -1;
            }
            i = (i & ~63L) + 64;
        }
        return -1;
    }

    /**
     * Allocates {@code pages} contiguous pages aligned to their size (a power of two);
     * returns the first address or {@link #NONE}.
     */
    long allocateBlock(int pages) {
        if (pages == 1) {
            return allocate();
        }
        if (random != null) {
            for (int i = 0; i < PROBES; i++) {
                long idx = random.nextLong(total);
                if (tryBlock(addressOf(idx) & ~(((long) pages << pageShift) - 1), pages)) {
                    return addressOf(idx) & ~(((long) pages << pageShift) - 1);
                }
            }
        }
        for (int r = 0; r < rangeStart.length; r++) {
            long size = (long) pages << pageShift;
            long end = rangeStart[r] + ((rangeFirst[r + 1] - rangeFirst[r]) << pageShift);
            for (long a = (rangeStart[r] + size - 1) & -size; Long.compareUnsigned(a + size, end) <= 0; a += size) {
                if (tryBlock(a, pages)) {
                    return a;
                }
            }
        }
        return NONE;
    }

    private boolean tryBlock(long address, int pages) {
        long first = indexOf(address);
        long last = indexOf(address + ((long) (pages - 1) << pageShift));
        if (first < 0 || last != first + pages - 1) {
            return false;
        }
        for (long i = first; i <= last; i++) {
            if (isTaken(i)) {
                return false;
            }
        }
        for (long i = first; i <= last; i++) {
            mark(i, true);
        }
        return true;
    }

    /** Takes the page at {@code address} if it is a free pool page; true if it was taken now. */
    boolean take(long address) {
        long idx = indexOf(address);
        if (idx < 0 || isTaken(idx)) {
            return false;
        }
        mark(idx, true);
        return true;
    }

    /** Returns {@code pages} pages at {@code address} to the pool. */
    void release(long address, int pages) {
        for (int i = 0; i < pages; i++) {
            long idx = indexOf(address + ((long) i << pageShift));
            if (idx >= 0 && isTaken(idx)) {
                mark(idx, false);
            }
        }
    }
}
