package org.kexeclab.engine.interp;

import java.util.function.IntPredicate;

/**
 * Basic-block sizes for the fixed-width instruction sets: the bytes from a
 * block's first word up to and including the word that ends it, to {@code until}, or to the end
 * of the page, whichever comes first, read through the bus like fetches.
 */
public final class WordBlocks {
    private WordBlocks() {
    }

    /**
     * The size of the block starting at {@code address}.
     *
     * @param fetchMask ANDed into each word's address before it is read (real-mode and
     *                  32-bit masking; -1 for none)
     * @param endsBlock true for a word that ends a block (a branch, an exception return...)
     * @return at least 4 (one word) even when the first word cannot be read
     */
    public static int size(GuestBus bus, long address, long until, long fetchMask, IntPredicate endsBlock) {
        long a = address;
        do {
            long w = bus.peek32(a & fetchMask, -1);
            if (w < 0) {
                return (int) Math.max(4, a - address);
            }
            a += 4;
            if (endsBlock.test((int) w)) {
                break;
            }
        } while (a != until && (a & (GuestBus.PAGE_SIZE - 1)) != 0);
        return (int) (a - address);
    }
}
