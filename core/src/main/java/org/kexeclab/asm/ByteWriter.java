package org.kexeclab.asm;

import java.nio.ByteOrder;

/** Writes integers of 1 to 8 bytes into arrays in a given byte order. */
public final class ByteWriter {

    private ByteWriter() {
    }

    /** Writes the low {@code size} bytes of {@code value} at {@code dst[off]} in {@code order}. */
    public static void put(byte[] dst, int off, long value, int size, ByteOrder order) {
        for (int i = 0; i < size; i++) {
            int at = order == ByteOrder.LITTLE_ENDIAN ? off + i : off + size - 1 - i;
            dst[at] = (byte) (value >>> (8 * i));
        }
    }

    /** The low {@code size} bytes of {@code value} in {@code order}. */
    public static byte[] bytes(long value, int size, ByteOrder order) {
        byte[] b = new byte[size];
        put(b, 0, value, size, order);
        return b;
    }
}
