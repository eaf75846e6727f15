package org.kexeclab.image;

import java.util.Arrays;

/**
 * The {@code bufsz} bytes a segment supplies (the kernel's {@code buf}): either an array or
 * a deterministic generator, so a 256 MiB image need not exist in the heap.
 * Implementations are immutable and return the same bytes on every read.
 */
public interface SegmentData {

    /** {@code bufsz}: the number of bytes supplied. */
    long size();

    /**
     * Copies bytes {@code [offset, offset + len)} of the data into {@code dst[off..]}.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code [0, size())}
     */
    void read(long offset, byte[] dst, int off, int len);

    /**
     * Every byte in a new array (for data that fits one: boot data, headers, a purgatory).
     *
     * @throws ArithmeticException if the data is 2 GiB or more
     */
    default byte[] bytes() {
        byte[] b = new byte[Math.toIntExact(size())];
        read(0, b, 0, b.length);
        return b;
    }

    /** The data as given (the array is copied once, so later changes do not leak in). */
    static SegmentData of(byte[] bytes) {
        return new ArrayData(bytes.clone());
    }

    /**
     * {@code size} pseudo-random bytes that depend only on {@code seed} and the offset:
     * byte {@code i} is byte {@code i % 8} (little-endian) of {@code mix(seed, i / 8)}.
     */
    static SegmentData generated(long size, long seed) {
        return new GeneratedData(size, seed);
    }

    /** Checks a read against {@code size}. */
    static void checkRead(long size, long offset, int off, int len, int dstLength) {
        if (offset < 0 || len < 0 || offset > size - len || off < 0 || off > dstLength - len) {
            throw new IndexOutOfBoundsException(String.format(
                    "read 0x%x+0x%x outside segment data of 0x%x bytes", offset, len, size));
        }
    }

    /** Segment data held in an array. */
    final class ArrayData implements SegmentData {
        private final byte[] bytes;

        private ArrayData(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public void read(long offset, byte[] dst, int off, int len) {
            SegmentData.checkRead(bytes.length, offset, off, len, dst.length);
            System.arraycopy(bytes, (int) offset, dst, off, len);
        }

        @Override
        public String toString() {
            return "bytes[" + bytes.length + "]@" + Integer.toHexString(Arrays.hashCode(bytes));
        }
    }

    /** Deterministically generated segment data (SplitMix64 of seed and word index). */
    final class GeneratedData implements SegmentData {
        private final long size;
        private final long seed;

        private GeneratedData(long size, long seed) {
            if (size < 0) {
                throw new IllegalArgumentException("generated segment data size must be >= 0, got " + size);
            }
            this.size = size;
            this.seed = seed;
        }

        /** The 8 bytes at word index {@code word}, little-endian. */
        static long word(long seed, long word) {
            long z = seed + (word + 1) * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void read(long offset, byte[] dst, int off, int len) {
            SegmentData.checkRead(size, offset, off, len, dst.length);
            long pos = offset;
            int i = off;
            int end = off + len;
            while (i < end) {
                long w = word(seed, pos >>> 3);
                int b = (int) (pos & 7);
                for (; b < 8 && i < end; b++, i++, pos++) {
                    dst[i] = (byte) (w >>> (8 * b));
                }
            }
        }

        @Override
        public String toString() {
            return "generated[" + size + ", seed " + seed + "]";
        }
    }
}
