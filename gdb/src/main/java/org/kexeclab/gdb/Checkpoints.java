package org.kexeclab.gdb;

import java.util.Arrays;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuContext;

/**
 * The CPU's register state saved at points of the run ({@link Cpu#saveContext()}), in time order:
 * where going back starts before it re-executes forward. The first one is the start of the
 * history; memory at each is recovered through the {@link WriteJournal}.
 */
final class Checkpoints implements AutoCloseable {
    private long[] times = new long[64];
    private CpuContext[] contexts = new CpuContext[64];
    private int count;

    /** Saves {@code cpu}'s registers as the state at {@code time}, later than every checkpoint held. */
    void add(long time, Cpu cpu) {
        if (count > 0 && time <= times[count - 1]) {
            throw new IllegalStateException("checkpoint at " + time + " after one at " + times[count - 1]);
        }
        if (count == times.length) {
            times = Arrays.copyOf(times, count * 2);
            contexts = Arrays.copyOf(contexts, count * 2);
        }
        times[count] = time;
        contexts[count] = cpu.saveContext();
        count++;
    }

    /** The index of the latest checkpoint at or before {@code time}, or -1. */
    int atOrBefore(long time) {
        int i = Arrays.binarySearch(times, 0, count, time);
        return i >= 0 ? i : -i - 2;
    }

    /** The time of checkpoint {@code i}. */
    long time(int i) {
        return times[i];
    }

    /** Restores checkpoint {@code i}'s registers into {@code cpu}. */
    void restore(int i, Cpu cpu) {
        cpu.restoreContext(contexts[i]);
    }

    /** Drops every checkpoint after index {@code i}. */
    void keepThrough(int i) {
        for (int k = i + 1; k < count; k++) {
            contexts[k].close();
            contexts[k] = null;
        }
        count = Math.max(0, i + 1);
    }

    /** The time of the last checkpoint, or -1 when there is none. */
    long last() {
        return count == 0 ? -1 : times[count - 1];
    }

    /** The time of the first checkpoint (where the history begins). */
    long first() {
        return times[0];
    }

    /** Checkpoints held. */
    int size() {
        return count;
    }

    @Override
    public void close() {
        keepThrough(-1);
    }
}
