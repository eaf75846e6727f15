package org.kexeclab.engine.interp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Direct access to the bytes of guest pages handed out by {@link GuestBus#bulkPage}, for loop
 * idioms run in bulk: words and doublewords in a given byte order, chunked copies with the
 * exact semantics of a load-then-store loop, and address-range overlap. No hooks, no checks:
 * the caller has proven every range lies inside its page.
 */
public final class PageBytes {
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private PageBytes() {
    }

    /** The word at {@code offset}. */
    public static int getInt(byte[] page, int offset, boolean bigEndian) {
        return bigEndian ? (int) INT_BE.get(page, offset) : (int) INT_LE.get(page, offset);
    }

    /** Stores a word at {@code offset}. */
    public static void putInt(byte[] page, int offset, int value, boolean bigEndian) {
        if (bigEndian) {
            INT_BE.set(page, offset, value);
        } else {
            INT_LE.set(page, offset, value);
        }
    }

    /** The doubleword at {@code offset}. */
    public static long getLong(byte[] page, int offset, boolean bigEndian) {
        return bigEndian ? (long) LONG_BE.get(page, offset) : (long) LONG_LE.get(page, offset);
    }

    /** Stores a doubleword at {@code offset}. */
    public static void putLong(byte[] page, int offset, long value, boolean bigEndian) {
        if (bigEndian) {
            LONG_BE.set(page, offset, value);
        } else {
            LONG_LE.set(page, offset, value);
        }
    }

    /**
     * Moves {@code count} chunks of {@code chunk} bytes from page {@code from} at {@code so} to
     * page {@code to} at {@code dO}, exactly as a loop that loads each chunk, then stores it, one
     * chunk after the other, would: one {@link System#arraycopy} unless the destination starts
     * inside the source above it (where such a loop replicates data), then chunk by chunk.
     */
    public static void copy(byte[] from, int so, byte[] to, int dO, int chunk, long count) {
        int bytes = (int) (chunk * count);
        if (from != to || dO <= so || dO >= so + bytes) {
            System.arraycopy(from, so, to, dO, bytes);
            return;
        }
        for (int j = 0; j < bytes; j += chunk) {
            System.arraycopy(from, so + j, to, dO + j, chunk);
        }
    }

    /** True if byte ranges {@code [a, a + aLength)} and {@code [b, b + bLength)} share a byte (addresses wrap). */
    public static boolean overlaps(long a, long aLength, long b, long bLength) {
        return Long.compareUnsigned(a - b, bLength) < 0 || Long.compareUnsigned(b - a, aLength) < 0;
    }
}
