package org.kexeclab.gdb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The breakpoints and watchpoints GDB inserted ({@code Z0}..{@code Z4}). Breakpoints are
 * addresses in a small sorted array the per-instruction hook searches without allocating;
 * watchpoints are address ranges with the kind of access that triggers them. Software and
 * hardware breakpoints behave alike here (the server never patches guest memory), but each stop
 * names the kind GDB inserted.
 */
final class StopPoints {
    /** What GDB asked for, by the digit of its {@code Z} packet. */
    enum Kind {
        /** {@code Z0}. */ SOFTWARE_BREAK,
        /** {@code Z1}. */ HARDWARE_BREAK,
        /** {@code Z2}: a write. */ WRITE_WATCH,
        /** {@code Z3}: a read. */ READ_WATCH,
        /** {@code Z4}: either. */ ACCESS_WATCH;

        /** The kind of {@code Z<digit>}, or null. */
        static Kind ofDigit(char d) {
            return d >= '0' && d <= '4' ? values()[d - '0'] : null;
        }

        boolean isBreak() {
            return this == SOFTWARE_BREAK || this == HARDWARE_BREAK;
        }
    }

    /** One watched range. */
    record Watch(long address, long length, Kind kind) {
        boolean overlaps(long a, int size) {
            return Long.compareUnsigned(a + size - 1, address) >= 0 && Long.compareUnsigned(a, address + length - 1) <= 0;
        }

        boolean onWrite() {
            return kind != Kind.READ_WATCH;
        }

        boolean onRead() {
            return kind != Kind.WRITE_WATCH;
        }
    }

    /** At most this many of each: GDB inserts a handful; a flood is refused with an error. */
    static final int LIMIT = 4096;

    private long[] breaks = new long[0];
    private Kind[] breakKinds = new Kind[0];
    private final List<Watch> watches = new ArrayList<>();

    /** Inserts a breakpoint; false if the limit is reached. */
    boolean addBreak(long address, Kind kind) {
        int i = Arrays.binarySearch(breaks, address);
        if (i >= 0) {
            breakKinds[i] = kind;
            return true;
        }
        if (breaks.length >= LIMIT) {
            return false;
        }
        int at = -i - 1;
        long[] b = new long[breaks.length + 1];
        Kind[] k = new Kind[breaks.length + 1];
        System.arraycopy(breaks, 0, b, 0, at);
        System.arraycopy(breakKinds, 0, k, 0, at);
        b[at] = address;
        k[at] = kind;
        System.arraycopy(breaks, at, b, at + 1, breaks.length - at);
        System.arraycopy(breakKinds, at, k, at + 1, breaks.length - at);
        breaks = b;
        breakKinds = k;
        return true;
    }

    /** Removes the breakpoint at {@code address}, if any. */
    void removeBreak(long address) {
        int i = Arrays.binarySearch(breaks, address);
        if (i < 0) {
            return;
        }
        long[] b = new long[breaks.length - 1];
        Kind[] k = new Kind[breaks.length - 1];
        System.arraycopy(breaks, 0, b, 0, i);
        System.arraycopy(breakKinds, 0, k, 0, i);
        System.arraycopy(breaks, i + 1, b, i, breaks.length - i - 1);
        System.arraycopy(breakKinds, i + 1, k, i, breaks.length - i - 1);
        breaks = b;
        breakKinds = k;
    }

    /** The kind of breakpoint at {@code address}, or null. Allocation-free. */
    Kind breakAt(long address) {
        long[] b = breaks;
        if (b.length == 0) {
            return null;
        }
        int i = Arrays.binarySearch(b, address);
        return i >= 0 ? breakKinds[i] : null;
    }

    /** Inserts a watchpoint; false if the limit is reached. */
    boolean addWatch(Watch w) {
        if (watches.contains(w)) {
            return true;
        }
        if (watches.size() >= LIMIT) {
            return false;
        }
        watches.add(w);
        return true;
    }

    /** Removes a watchpoint GDB inserted with the same address, length and kind. */
    void removeWatch(Watch w) {
        watches.remove(w);
    }

    /** The watchpoint a {@code size}-byte access at {@code address} triggers, or null. */
    Watch triggered(long address, int size, boolean write) {
        for (int i = 0; i < watches.size(); i++) {
            Watch w = watches.get(i);
            if ((write ? w.onWrite() : w.onRead()) && w.overlaps(address, size)) {
                return w;
            }
        }
        return null;
    }

    /** True if some watchpoint triggers on reads. */
    boolean watchesReads() {
        for (Watch w : watches) {
            if (w.onRead()) {
                return true;
            }
        }
        return false;
    }

    /** True if some watchpoint is set. */
    boolean anyWatch() {
        return !watches.isEmpty();
    }
}
