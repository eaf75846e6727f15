package org.kexeclab.viewer;

import java.util.Arrays;

/**
 * The instructions a {@link RunRecorder} folds between two kept steps, gathered into what one
 * step will say about them: where the stretch began, how often each listing row ran, every
 * range written and read, and the list entry it read for the first time (if any).
 */
final class FoldedStretch {
    final AccessRanges writes = new AccessRanges();
    final AccessRanges loads = new AccessRanges();
    final long[] rows;
    private boolean open;
    private long pc;
    private int entry = -1;

    FoldedStretch(int rows) {
        this.rows = new long[Math.max(1, rows)];
    }

    /** Adds one folded instruction at {@code pc} (listing row {@code row}, or -1) and what it touched. */
    void add(int row, long pc, AccessRanges written, AccessRanges loaded, int newEntry) {
        if (!open) {
            open = true;
            this.pc = pc;
        }
        if (row >= 0) {
            rows[row]++;
        }
        writes.addAll(written);
        loads.addAll(loaded);
        if (newEntry >= 0) {
            entry = newEntry;
        }
    }

    /** The address of the stretch's first instruction. */
    long pc() {
        return pc;
    }

    /** The list entry read for the first time inside the stretch, or -1. */
    int entry() {
        return entry;
    }

    /** Empties the stretch for the next one. */
    void clear() {
        Arrays.fill(rows, 0);
        writes.clear();
        loads.clear();
        entry = -1;
        open = false;
    }
}
