package org.kexeclab.arm64;

/**
 * The A64 logical ("bitmask") immediate: a 2-, 4-, 8-, 16-, 32- or 64-bit element holding
 * one rotated run of ones, replicated across the register. Encoded as the 13-bit field
 * {@code N:immr:imms} of {@code and/orr/eor/ands} (immediate). Zero and all-ones are not
 * encodable. Allocation-free.
 */
public final class A64BitmaskImmediate {

    /** Returned by {@link #encode} when a value has no bitmask encoding. */
    public static final int NOT_ENCODABLE = -1;

    private A64BitmaskImmediate() {
    }

    /**
     * Encodes {@code value} as a bitmask immediate for a {@code width}-bit operation.
     *
     * @param value the immediate; for width 32 only its low 32 bits count
     * @param width 32 or 64
     * @return {@code N << 12 | immr << 6 | imms}, or {@link #NOT_ENCODABLE}
     */
    public static int encode(long value, int width) {
        long v = width == 32 ? (value & 0xffffffffL) | (value << 32) : value;
        if (v == 0 || v == -1) {
            return NOT_ENCODABLE;
        }
        int size = elementSize(v);
        long mask = size == 64 ? -1L : (1L << size) - 1;
        long element = v & mask;
        int ones = Long.bitCount(element);
        long run = (1L << ones) - 1;
        for (int rotation = 0; rotation < size; rotation++) {
            if (rotateLeft(element, rotation, size, mask) == run) {
                int n = size == 64 ? 1 : 0;
                int imms = (~(size * 2 - 1) & 0x3f) | (ones - 1);
                return n << 12 | rotation << 6 | imms;
            }
        }
        return NOT_ENCODABLE;
    }

    /** The smallest power-of-two element size (2..64) whose replication gives {@code v}. */
    private static int elementSize(long v) {
        int size = 64;
        while (size > 2) {
            int half = size / 2;
            long mask = (1L << half) - 1;
            if ((v & mask) != ((v >>> half) & mask)) {
                break;
            }
            size = half;
        }
        return size;
    }

    private static long rotateLeft(long element, int by, int size, long mask) {
        if (by == 0) {
            return element;
        }
        return ((element << by) | (element >>> (size - by))) & mask;
    }
}
