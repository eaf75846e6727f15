package org.kexeclab.viewer;

import java.util.List;
import org.kexeclab.asm.Listing;

/**
 * Numbers every listed statement of the run's programs in one sequence ("rows": the stub's
 * listing first, then each further program's), so a step is one number whatever program it
 * ran in, and finds the row of an executed address.
 */
final class ProgramMap {
    private final List<Program> programs;
    private final Listing[] listings;
    private final int[] base;
    private final int rows;

    ProgramMap(List<Program> programs) {
        this.programs = List.copyOf(programs);
        this.listings = new Listing[programs.size()];
        this.base = new int[programs.size()];
        int n = 0;
        for (int i = 0; i < listings.length; i++) {
            listings[i] = programs.get(i).stub().listing();
            base[i] = n;
            n += listings[i].size();
        }
        this.rows = n;
    }

    /** The row of the statement at {@code address}, or -1 outside every program. Allocation-free. */
    int row(long address) {
        for (int i = 0; i < listings.length; i++) {
            int k = listings[i].indexOf(address);
            if (k >= 0) {
                return base[i] + k;
            }
        }
        return -1;
    }

    /** The index of the program row {@code row} belongs to, or -1 for -1 (outside every program). */
    int program(int row) {
        if (row < 0) {
            return -1;
        }
        int i = base.length - 1;
        while (i > 0 && base[i] > row) {
            i--;
        }
        return i;
    }

    /** Rows in all. */
    int rows() {
        return rows;
    }

    /** The programs, stub first. */
    List<Program> programs() {
        return programs;
    }

    /** First row of program {@code i}. */
    int base(int i) {
        return base[i];
    }
}
