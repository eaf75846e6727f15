package org.kexeclab.engine.interp;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * The mapped guest pages: an open-addressing hash table from page number to {@link Page}
 * (linear probing, no boxing), so a lookup on a TLB miss allocates nothing.
 */
final class PageTable {
    private static final long EMPTY = -1L;
    private long[] keys = new long[64];
    private Page[] values = new Page[64];
    private int size;

    PageTable() {
        Arrays.fill(keys, EMPTY);
    }

    /** The page with number {@code pn}, or null if unmapped. */
    Page get(long pn) {
        int mask = keys.length - 1;
        for (int i = slot(pn, mask); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == pn) {
                return values[i];
            }
            if (k == EMPTY) {
                return null;
            }
        }
    }

    /** Adds page {@code pn} (not present yet). */
    void put(long pn, Page page) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        insert(pn, page);
        size++;
    }

    /** Removes page {@code pn} if present (backward-shift deletion keeps probes short). */
    void remove(long pn) {
        int mask = keys.length - 1;
        int i = slot(pn, mask);
        while (keys[i] != pn) {
            if (keys[i] == EMPTY) {
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = EMPTY;
        values[i] = null;
        size--;
        for (int j = (i + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
            long k = keys[j];
            Page v = values[j];
            keys[j] = EMPTY;
            values[j] = null;
            insert(k, v);
        }
    }

    /** Calls {@code action} with each mapped page number. */
    void forEach(LongConsumer action) {
        for (long k : keys.clone()) {
            if (k != EMPTY) {
                action.accept(k);
            }
        }
    }

    /** Drops every page. */
    void clear() {
        Arrays.fill(keys, EMPTY);
        Arrays.fill(values, null);
        size = 0;
    }

    private void insert(long pn, Page page) {
        int mask = keys.length - 1;
        int i = slot(pn, mask);
        while (keys[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        keys[i] = pn;
        values[i] = page;
    }

    private void grow() {
        long[] oldKeys = keys;
        Page[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Page[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int slot(long pn, int mask) {
        long h = pn * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h >>> 40) & mask;
    }
}
