package org.kexeclab.asmtest;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.kexeclab.engine.GuestMemory;

/**
 * A hand-built kexec image for stub runs: two source pages bound for one destination,
 * listed across two indirection pages so every flag (DESTINATION, SOURCE, INDIRECTION,
 * DONE) and one flagless entry appear, written into guest memory little-endian.
 */
public final class TinyList {

    /** First indirection page (head points here). */
    public static final long FIRST_INDIRECTION = 0x4010_0000L;
    /** Second indirection page, linked from the first. */
    public static final long SECOND_INDIRECTION = 0x4010_1000L;
    /** Destination of the two pages; also the new kernel's entry. */
    public static final long DESTINATION = 0x4020_0000L;
    /** The two source pages, back to back. */
    public static final long SOURCE = 0x4040_0000L;
    /** Bytes copied. */
    public static final int LENGTH = 2 * 4096;

    private TinyList() {
    }

    /** The head entry: the first indirection page with IND_INDIRECTION. */
    public static long head() {
        return FIRST_INDIRECTION | 0x2;
    }

    /**
     * Writes the source pages (a position-dependent pattern) and both indirection pages with
     * entries of {@code wordSize} bytes (4 or 8). The arm stub's walk skips an entry with no
     * flag, so one is included for 4-byte lists.
     */
    public static void write(GuestMemory memory, int wordSize) {
        byte[] src = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            src[i] = (byte) (i * 7 + (i >> 12) * 13 + 1);
        }
        memory.write(SOURCE, src);
        long[] first = wordSize == 4
                ? new long[] {DESTINATION | 0x1, SOURCE | 0x8, 0x1234_5000L, SECOND_INDIRECTION | 0x2}
                : new long[] {DESTINATION | 0x1, SOURCE | 0x8, SECOND_INDIRECTION | 0x2};
        memory.write(FIRST_INDIRECTION, words(first, wordSize));
        memory.write(SECOND_INDIRECTION, words(new long[] {(SOURCE + 4096) | 0x8, 0x4}, wordSize));
    }

    /** The source bytes as written, for comparison with the destination. */
    public static byte[] expected(GuestMemory memory) {
        return memory.read(SOURCE, LENGTH);
    }

    private static byte[] words(long[] entries, int wordSize) {
        ByteBuffer b = ByteBuffer.allocate(entries.length * wordSize).order(ByteOrder.LITTLE_ENDIAN);
        for (long e : entries) {
            if (wordSize == 4) {
                b.putInt((int) e);
            } else {
                b.putLong(e);
            }
        }
        return b.array();
    }
}
