package org.kexeclab.gdb;

import java.util.Arrays;
import org.kexeclab.engine.Cpu;

/**
 * Every guest store since the oldest checkpoint, in execution order: the instruction's position
 * in the run, the address and the bytes the store replaced. Undoing the entries from the newest
 * back to a time puts guest memory back as it was at that time. Primitive arrays that grow by
 * doubling: recording allocates nothing in the steady state.
 */
final class WriteJournal {
    private long[] times = new long[1024];
    private long[] addresses = new long[1024];
    private int[] offsets = new int[1025];
    private byte[] pool = new byte[8192];
    private int count;

    /** Records that the instruction at {@code time} is about to replace {@code old[0..size)} at {@code address}. */
    void record(long time, long address, byte[] old, int size) {
        if (count == times.length) {
            times = Arrays.copyOf(times, count * 2);
            addresses = Arrays.copyOf(addresses, count * 2);
            offsets = Arrays.copyOf(offsets, count * 2 + 1);
        }
        int at = offsets[count];
        if (at + size > pool.length) {
            pool = Arrays.copyOf(pool, Math.max(pool.length * 2, at + size));
        }
        System.arraycopy(old, 0, pool, at, size);
        times[count] = time;
        addresses[count] = address;
        offsets[count + 1] = at + size;
        count++;
    }

    /**
     * Writes back the old bytes of every entry whose instruction ran at {@code time} or later,
     * newest first, and forgets those entries.
     */
    void undoTo(long time, Cpu cpu) {
        while (count > 0 && times[count - 1] >= time) {
            count--;
            cpu.write(addresses[count], pool, offsets[count], offsets[count + 1] - offsets[count]);
        }
    }

    /** Forgets every entry (a new history starts). */
    void clear() {
        count = 0;
    }

    /** Entries held. */
    int size() {
        return count;
    }

    /** Bytes of old data held. */
    long bytes() {
        return offsets[count];
    }
}
