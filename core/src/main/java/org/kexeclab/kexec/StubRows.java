package org.kexeclab.kexec;

import java.util.List;
import org.kexeclab.asm.Listing;

/**
 * What each row of a stub's listing adds to an instruction count when a block runs over it: 1,
 * a repeated instruction its iterations, a row inside a {@link CountedLoop} nothing (the loop
 * counts at its arrival). Prefix sums make a block's count two array reads, with no allocation.
 */
final class StubRows {
    private final Listing listing;
    private final long[] before;

    StubRows(Listing listing, List<RepeatedInstruction> repeated, List<CountedLoop> loops) {
        this.listing = listing;
        long[] weight = new long[listing.size()];
        java.util.Arrays.fill(weight, 1);
        for (RepeatedInstruction r : repeated) {
            int row = listing.indexOf(r.address());
            if (row < 0 || listing.address(row) != r.address()) {
                throw new IllegalArgumentException(String.format("the repeated instruction at 0x%x is not one "
                        + "of the stub's", r.address()));
            }
            weight[row] = r.iterations();
        }
        for (int row = 0; row < weight.length; row++) {
            for (CountedLoop loop : loops) {
                weight[row] = loop.contains(listing.address(row)) ? 0 : weight[row];
            }
        }
        before = new long[weight.length + 1];
        for (int row = 0; row < weight.length; row++) {
            before[row + 1] = before[row] + weight[row];
        }
    }

    /** The count of the rows from the one holding {@code from} to the one holding {@code to}, or 0 outside the stub. */
    long between(long from, long to) {
        int first = listing.indexOf(from);
        int last = listing.indexOf(to);
        return first >= 0 && last >= first ? before[last + 1] - before[first] : 0;
    }

    /** The instructions one iteration of {@code loop} runs: the listing's rows in its body. */
    long body(CountedLoop loop) {
        int first = listing.indexOf(loop.start());
        int last = listing.indexOf(loop.end() - 1);
        if (first < 0 || last < first || listing.address(first) != loop.start()) {
            throw new IllegalArgumentException(String.format("the loop at 0x%x is not in the stub", loop.start()));
        }
        return last - first + 1L;
    }

    /** Rows in the listing. */
    int size() {
        return listing.size();
    }
}
