package org.kexeclab.viewer;

import java.util.HashMap;
import java.util.Map;

/**
 * Replays a {@link StepLog} the way the page's state.js does, in Java: the followed registers
 * after every step and the bytes of every page the log wrote, so tests can hold the recording
 * against the emulator without a browser.
 */
final class StepLogReplay {
    final long steps;
    final long[] registers;
    final Map<Long, byte[]> pages = new HashMap<>();
    private final MemorySnapshot snapshot;
    private final int pageSize;

    /** Replays every step of {@code log} over {@code initial} registers and {@code snapshot}'s pages. */
    StepLogReplay(StepLog log, MemorySnapshot snapshot, int pageSize, long[] initial) {
        this.snapshot = snapshot;
        this.pageSize = pageSize;
        this.registers = initial.clone();
        Reader regs = new Reader(log.regs.toByteArray());
        Reader writes = new Reader(log.writes.toByteArray());
        byte[] literals = log.literals.toByteArray();
        int literal = 0;
        long end = 0;
        long copyEnd = 0;
        for (long s = 0; s < log.steps(); s++) {
            long changes = regs.uint();
            for (long c = 0; c < changes; c++) {
                int r = (int) regs.uint();
                registers[r] += regs.sint();
            }
            long pieces = writes.uint();
            for (long w = 0; w < pieces; w++) {
                long address = end + writes.sint();
                int len = (int) writes.uint();
                end = address + len;
                byte[] bytes = new byte[len];
                if (writes.uint() == 1) {
                    long from = copyEnd + writes.sint();
                    copyEnd = from + len;
                    for (int i = 0; i < len; i++) {
                        bytes[i] = first(from + i);
                    }
                } else {
                    System.arraycopy(literals, literal, bytes, 0, len);
                    literal += len;
                }
                byte[] page = page(Long.divideUnsigned(address, pageSize));
                System.arraycopy(bytes, 0, page, (int) Long.remainderUnsigned(address, pageSize), len);
            }
        }
        this.steps = log.steps();
    }

    private byte first(long address) {
        byte[] p = snapshot.bytes(Long.divideUnsigned(address, pageSize));
        if (p == null) {
            throw new AssertionError(String.format("a copy from 0x%x, which the snapshot does not hold", address));
        }
        return p[(int) Long.remainderUnsigned(address, pageSize)];
    }

    /** The row (in {@link ProgramMap}'s numbering) of every step of {@code log}, -1 outside every program. */
    static int[] rows(StepLog log) {
        Reader r = new Reader(log.rows.toByteArray());
        int[] out = new int[Math.toIntExact(log.steps())];
        long previous = 0;
        for (int s = 0; s < out.length; s++) {
            previous += r.sint();
            out[s] = (int) previous - 1;
        }
        return out;
    }

    /** Page {@code number} as the replay left it (its first contents where nothing was written). */
    byte[] page(long number) {
        return pages.computeIfAbsent(number, n -> {
            byte[] first = snapshot.bytes(n);
            return first == null ? new byte[pageSize] : first.clone();
        });
    }

    /** Reads LEB128 numbers as VarintStream wrote them. */
    private static final class Reader {
        private final byte[] b;
        private int p;

        Reader(byte[] b) {
            this.b = b;
        }

        long uint() {
            long v = 0;
            int shift = 0;
            byte x;
            do {
                x = b[p++];
                v |= (long) (x & 0x7f) << shift;
                shift += 7;
            } while ((x & 0x80) != 0);
            return v;
        }

        long sint() {
            long z = uint();
            return (z >>> 1) ^ -(z & 1);
        }
    }
}
