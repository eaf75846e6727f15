package org.kexeclab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoopFolderTest {

    /** Runs a loop of body {@code [2, 3, 4]} for {@code n} iterations after a prologue {@code [0, 1]}. */
    private static int shownSteps(LoopFolder f, int n) {
        int shown = 0;
        for (int i : new int[] {0, 1}) {
            shown += f.admit(i) ? 1 : 0;
        }
        for (int it = 0; it < n; it++) {
            for (int i = 2; i <= 4; i++) {
                shown += f.admit(i) ? 1 : 0;
            }
        }
        return shown;
    }

    @Test
    void admit_loopOfThousandIterations_showsTwoAndCountsTheRest() {
        LoopFolder f = new LoopFolder(8, 2);
        assertEquals(2 + 2 * 3, shownSteps(f, 1000));
        assertEquals(998, f.iterations());
        assertEquals(998 * 3, f.foldedSteps());
        assertEquals(2, f.loopHead());
    }

    @Test
    void newWindow_nextEntry_showsTheLoopAgainButKeepsPendingCounts() {
        LoopFolder f = new LoopFolder(8, 2);
        shownSteps(f, 10);
        f.newWindow();
        assertTrue(f.admit(2), "a new entry shows its first iterations again");
        assertTrue(f.hasFolded(), "the fold of the previous window is still to be reported");
        f.clear();
        assertFalse(f.hasFolded());
        assertEquals(-1, f.loopHead());
    }

    @Test
    void admit_unlimitedShown_neverFolds() {
        LoopFolder f = new LoopFolder(8, Integer.MAX_VALUE);
        assertEquals(2 + 3 * 50, shownSteps(f, 50));
        assertFalse(f.hasFolded());
    }

    @Test
    void admit_outsideTheListing_alwaysShown() {
        LoopFolder f = new LoopFolder(1, 0);
        assertTrue(f.admit(-1));
        assertFalse(f.admit(0));
    }
}
