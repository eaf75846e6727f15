package org.kexeclab.vmlinux;

import java.nio.ByteOrder;

/**
 * Unsigned reads of 1, 2, 4 or 8 bytes from a byte array in one byte order. Callers check
 * bounds first ({@link #fits}); the kallsyms search reads millions of words and cannot
 * afford an exception per probe.
 */
final class ByteView {
    private final byte[] data;
    private final boolean big;

    ByteView(byte[] data, ByteOrder order) {
        this.data = data;
        this.big = order == ByteOrder.BIG_ENDIAN;
    }

    byte[] data() {
        return data;
    }

    int length() {
        return data.length;
    }

    /** True if {@code [offset, offset + len)} lies inside the array. */
    boolean fits(long offset, long len) {
        return offset >= 0 && len >= 0 && offset <= data.length && len <= data.length - offset;
    }

    int u8(long offset) {
        return data[(int) offset] & 0xff;
    }

    int u16(long offset) {
        return (int) read(offset, 2);
    }

    long u32(long offset) {
        return read(offset, 4);
    }

    /** A signed 32-bit word. */
    int s32(long offset) {
        return (int) read(offset, 4);
    }

    /** An unsigned word of {@code size} bytes (8 returns the raw 64 bits). */
    long read(long offset, int size) {
        int o = (int) offset;
        long v = 0;
        for (int i = 0; i < size; i++) {
            v = (v << 8) | (data[o + (big ? i : size - 1 - i)] & 0xff);
        }
        return v;
    }
}
