package org.kexeclab.viewer;

import java.util.ArrayList;
import java.util.List;
import org.kexeclab.asm.Listing;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.HookHandle;

/**
 * Counts, page copy by page copy, how often each statement of the relocation stub runs: a code
 * hook over the stub's bytes counts steps per listing row (steps as {@code trace} counts them),
 * and every pass through the stub's {@value #COPY_PAGE} label starts the next page's count.
 * Window 0 holds what ran before the first copy; window k the k-th page's copy, up to the next
 * (the last also the end of the walk and the jump). For {@code compare --format html}, which
 * lines the architectures up page by page.
 */
final class PageCounter implements AutoCloseable {
    /** The label every stub passes once per page it copies (the progress bar counts there too). */
    static final String COPY_PAGE = "kexec_copy_page";

    private final Listing listing;
    private final long copyPage;
    private final long[] rows;
    private final VarintStream out = new VarintStream();
    private final List<HookHandle> hooks = new ArrayList<>();
    private long windowSteps;
    private long windows;
    private long steps;

    private PageCounter(Stub stub) {
        this.listing = stub.listing();
        this.copyPage = stub.hasSymbol(COPY_PAGE) ? stub.symbol(COPY_PAGE) : -1;
        this.rows = new long[Math.max(1, listing.size())];
    }

    /** Starts counting on {@code cpu}, which holds {@code stub} in place and has not run yet. */
    static PageCounter attach(Cpu cpu, Stub stub) {
        PageCounter c = new PageCounter(stub);
        c.hooks.add(cpu.onCode(c::instruction, stub.origin(), stub.origin() + stub.size() - 1));
        return c;
    }

    private void instruction(long address, int size) {
        if (address == copyPage) {
            endWindow();
        }
        int row = listing.indexOf(address);
        if (row >= 0) {
            rows[row]++;
        }
        windowSteps++;
        steps++;
    }

    /** Writes the window: its steps, then how many rows ran and each row with its count. */
    private void endWindow() {
        out.unsigned(windowSteps);
        int used = 0;
        for (long c : rows) {
            used += c != 0 ? 1 : 0;
        }
        out.unsigned(used);
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] != 0) {
                out.unsigned(r);
                out.unsigned(rows[r]);
                rows[r] = 0;
            }
        }
        windowSteps = 0;
        windows++;
    }

    /** Ends the last window; call once after the run. */
    void finish() {
        endWindow();
        close();
    }

    /** The windows as written (see {@link #endWindow}). */
    byte[] counts() {
        return out.toByteArray();
    }

    /** Windows written: pages copied + 1. */
    long windows() {
        return windows;
    }

    /** Steps counted in all. */
    long steps() {
        return steps;
    }

    @Override
    public void close() {
        for (HookHandle h : hooks) {
            h.close();
        }
        hooks.clear();
    }
}
