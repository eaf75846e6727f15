package org.kexeclab.trace;

import java.util.Arrays;

/**
 * Decides which steps of a trace to show so loops read as "the first iterations, then a
 * count": within one window (from one list entry read to the next) each stub instruction is
 * shown its first {@code shown} times; later executions are folded and counted. The loop's
 * iterations are the folded executions of the first folded instruction. Allocation-free.
 */
public final class LoopFolder {
    private final int[] seen;
    private final int shown;
    private long foldedSteps;
    private long iterations;
    private int loopHead = -1;

    /** Folder for a listing of {@code listingSize} entries, showing each instruction {@code shown} times. */
    public LoopFolder(int listingSize, int shown) {
        this.seen = new int[Math.max(1, listingSize)];
        this.shown = shown;
    }

    /** Starts a new window (a new list entry is being processed); pending fold counts stay. */
    public void newWindow() {
        Arrays.fill(seen, 0);
    }

    /** Counts one execution of listing entry {@code i}; true if the step should be shown. */
    public boolean admit(int i) {
        if (i < 0) {
            return true;
        }
        if (seen[i] < shown) {
            seen[i]++;
            return true;
        }
        if (loopHead < 0) {
            loopHead = i;
        }
        if (i == loopHead) {
            iterations++;
        }
        foldedSteps++;
        return false;
    }

    /** True if steps were folded since the last {@link #clear}. */
    public boolean hasFolded() {
        return foldedSteps > 0;
    }

    /** Steps folded since the last {@link #clear}. */
    public long foldedSteps() {
        return foldedSteps;
    }

    /** Loop iterations folded since the last {@link #clear}. */
    public long iterations() {
        return iterations;
    }

    /** Listing index of the first folded instruction, or -1. */
    public int loopHead() {
        return loopHead;
    }

    /** Forgets the folded counts (after they were reported). */
    public void clear() {
        foldedSteps = 0;
        iterations = 0;
        loopHead = -1;
    }
}
