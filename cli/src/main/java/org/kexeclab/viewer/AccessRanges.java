package org.kexeclab.viewer;

import java.util.Arrays;

/**
 * The bytes one step (or one folded loop) touched, as a set of half-open address ranges: an
 * access next to or over the last range extends it (a copy loop's thousands of stores become
 * one range per page), anything else starts a new range; {@link #normalize} sorts and merges
 * them. Addresses compare unsigned. Reused from step to step: nothing is allocated once the
 * arrays have grown.
 */
final class AccessRanges {
    private long[] starts = new long[8];
    private long[] ends = new long[8];
    private int count;

    /** Adds {@code [address, address + size)}. */
    void add(long address, int size) {
        long end = address + size;
        if (count > 0) {
            int last = count - 1;
            if (Long.compareUnsigned(address, ends[last]) <= 0 && Long.compareUnsigned(end, starts[last]) >= 0) {
                starts[last] = min(starts[last], address);
                ends[last] = max(ends[last], end);
                return;
            }
        }
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = address;
        ends[count] = end;
        count++;
    }

    /** Adds every range of {@code other}. */
    void addAll(AccessRanges other) {
        for (int i = 0; i < other.count; i++) {
            add(other.starts[i], (int) (other.ends[i] - other.starts[i]));
        }
    }

    /** Sorts the ranges and merges those that touch or overlap. */
    void normalize() {
        if (count < 2) {
            return;
        }
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compareUnsigned(starts[a], starts[b]));
        long[] s = new long[count];
        long[] e = new long[count];
        int n = 0;
        for (int k : order) {
            if (n > 0 && Long.compareUnsigned(starts[k], e[n - 1]) <= 0) {
                e[n - 1] = max(e[n - 1], ends[k]);
            } else {
                s[n] = starts[k];
                e[n] = ends[k];
                n++;
            }
        }
        starts = s;
        ends = e;
        count = n;
    }

    /** Number of ranges. */
    int count() {
        return count;
    }

    /** Start of range {@code i}. */
    long start(int i) {
        return starts[i];
    }

    /** End (exclusive) of range {@code i}. */
    long end(int i) {
        return ends[i];
    }

    /** Forgets every range. */
    void clear() {
        count = 0;
    }

    private static long min(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0 ? a : b;
    }

    private static long max(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0 ? a : b;
    }
}
