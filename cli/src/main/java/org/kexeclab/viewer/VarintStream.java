package org.kexeclab.viewer;

import java.util.Arrays;

/**
 * A growing byte stream of unsigned LEB128 numbers (seven bits per byte, low group first, the
 * top bit set on every byte but the last), zigzag-coded signed numbers and raw bytes: the
 * compact form the trace viewer's data takes before it is compressed. Small deltas, the usual
 * case in a trace (a pointer moving by 8, a counter counting down by 1), take one byte. The
 * page's {@code decode.js} reads the same forms.
 */
final class VarintStream {
    private byte[] bytes = new byte[1 << 12];
    private int size;

    /** Appends {@code v} as an unsigned 64-bit number. */
    void unsigned(long v) {
        ensure(10);
        while ((v & ~0x7fL) != 0) {
            bytes[size++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        bytes[size++] = (byte) v;
    }

    /** Appends {@code v} zigzag-coded: 0, -1, 1, -2, ... become 0, 1, 2, 3, ... */
    void signed(long v) {
        unsigned((v << 1) ^ (v >> 63));
    }

    /** Appends {@code n} bytes of {@code src} from {@code off} as they are. */
    void raw(byte[] src, int off, int n) {
        ensure(n);
        System.arraycopy(src, off, bytes, size, n);
        size += n;
    }

    /** Bytes written so far. */
    int size() {
        return size;
    }

    /** A copy of the bytes written. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            long grown = Math.max((long) bytes.length * 2, (long) size + more);
            if (grown > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("the trace viewer's data passed 2 GiB");
            }
            bytes = Arrays.copyOf(bytes, (int) grown);
        }
    }
}
