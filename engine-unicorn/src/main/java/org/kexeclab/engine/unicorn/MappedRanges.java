package org.kexeclab.engine.unicorn;

import java.util.Arrays;

/**
 * The guest ranges this CPU has mapped, kept on the Java side so a bulk access is checked
 * before any byte moves (nothing half-written) and a failure names the first unmapped address.
 * Sorted, disjoint, merged {@code [start, end)} pairs with the sign bit flipped so addresses
 * order as unsigned numbers; lookups are a binary search and allocate nothing.
 */
final class MappedRanges {
    private static final long FLIP = Long.MIN_VALUE;
    private long[] starts = new long[8];
    private long[] ends = new long[8];
    private int count;

    /** Records {@code [address, address + size)} as mapped (the engine accepted it). */
    void add(long address, long size) {
        remove(address, size);
        long start = address ^ FLIP;
        long end = (address + size) ^ FLIP;
        int i = insertionPoint(start);
        grow();
        System.arraycopy(starts, i, starts, i + 1, count - i);
        System.arraycopy(ends, i, ends, i + 1, count - i);
        starts[i] = start;
        ends[i] = end;
        count++;
        mergeAround(i);
    }

    /** Records {@code [address, address + size)} as unmapped (the engine accepted it). */
    void remove(long address, long size) {
        long start = address ^ FLIP;
        long end = (address + size) ^ FLIP;
        long[] ns = new long[count + 1];
        long[] ne = new long[count + 1];
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (ends[i] <= start || starts[i] >= end) {
                ns[n] = starts[i];
                ne[n++] = ends[i];
                continue;
            }
            if (starts[i] < start) {
                ns[n] = starts[i];
                ne[n++] = start;
            }
            if (ends[i] > end) {
                ns[n] = end;
                ne[n++] = ends[i];
            }
        }
        starts = Arrays.copyOf(ns, Math.max(8, n));
        ends = Arrays.copyOf(ne, Math.max(8, n));
        count = n;
    }

    /**
     * The first address of {@code [address, address + len)} that is not mapped; {@code address + len}
     * when every byte is mapped.
     */
    long firstUnmapped(long address, long len) {
        long pos = address ^ FLIP;
        long end = (address + len) ^ FLIP;
        while (pos < end) {
            int i = insertionPoint(pos + 1) - 1;
            if (i < 0 || ends[i] <= pos) {
                return pos ^ FLIP;
            }
            pos = ends[i];
        }
        return address + len;
    }

    /** True if {@code address} is inside a range. */
    boolean contains(long address) {
        return firstUnmapped(address, 1) != address;
    }

    /** Number of disjoint ranges. */
    int size() {
        return count;
    }

    /** First address of range {@code i}. */
    long start(int i) {
        return starts[i] ^ FLIP;
    }

    /** Exclusive end address of range {@code i}. */
    long end(int i) {
        return ends[i] ^ FLIP;
    }

    /** Forgets everything (the CPU closed). */
    void clear() {
        count = 0;
    }

    /** Index of the first range starting at or after {@code flippedStart}. */
    private int insertionPoint(long flippedStart) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] < flippedStart) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void grow() {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
    }

    private void mergeAround(int i) {
        if (i + 1 < count && ends[i] == starts[i + 1]) {
            ends[i] = ends[i + 1];
            deleteAt(i + 1);
        }
        if (i > 0 && ends[i - 1] == starts[i]) {
            ends[i - 1] = ends[i];
            deleteAt(i);
        }
    }

    private void deleteAt(int i) {
        System.arraycopy(starts, i + 1, starts, i, count - i - 1);
        System.arraycopy(ends, i + 1, ends, i, count - i - 1);
        count--;
    }
}
