package org.kexeclab.kexec;

import java.util.function.ToLongFunction;
import org.kexeclab.asm.Listing;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;

/**
 * A self-loop of a relocation stub whose iterations its {@link MachineKexec} can tell in advance
 * (a page copy, a cache-line walk over one page): an instruction count on an engine that counts
 * with a block hook leaves the loop's own blocks unhooked and adds {@code iterations x rows} when
 * the CPU passes {@code arrival}, so a page costs one call into Java instead of one per iteration.
 *
 * <p>The contract, which the {@code MachineKexec} promises for its own stub: every time the CPU
 * executes the instruction at {@code arrival}, it goes on without passing {@code arrival} again
 * into the loop at {@code start}, whose body is every instruction in [{@code start}, {@code end})
 * ending in the branch back to {@code start}; the loop then runs exactly {@code trip} whole
 * iterations, computed from the registers at {@code arrival} (before that instruction runs), unless
 * the run stops first; and the loop is never entered any other way. {@code trip} answers -1 where
 * the registers do not fix the count: the run is then counted instruction by instruction from
 * there. Several loops may share one arrival (a copy, then a cache walk over the same page).
 *
 * @param arrival the address of the instruction that announces the loop (outside every loop)
 * @param start   the loop's first instruction, the target of its backward branch
 * @param end     the address just past its backward branch
 * @param trip    the loop's iterations from the registers at {@code arrival}, or -1 if unknown
 */
public record CountedLoop(long arrival, long start, long end, ToLongFunction<Cpu> trip) {

    /** Requires a non-empty body that does not contain the arrival. */
    public CountedLoop {
        if (Long.compareUnsigned(start, end) >= 0) {
            throw new IllegalArgumentException(String.format("a loop body from 0x%x to 0x%x is empty", start, end));
        }
        if (Long.compareUnsigned(arrival - start, end - start) < 0) {
            throw new IllegalArgumentException(String.format("the arrival 0x%x lies inside its loop", arrival));
        }
    }

    /**
     * The loop of {@code stub} at label {@code loop}, {@code rows} instructions long, announced by
     * the instruction at label {@code arrival}.
     */
    public static CountedLoop of(Stub stub, String arrival, String loop, int rows, ToLongFunction<Cpu> trip) {
        Listing listing = stub.listing();
        long start = stub.symbol(loop);
        int first = listing.indexOf(start);
        int last = first + rows - 1;
        if (first < 0 || listing.address(first) != start || rows < 1 || last >= listing.size()) {
            throw new IllegalArgumentException("the stub has no loop of " + rows + " instructions at `" + loop + "`");
        }
        return new CountedLoop(stub.symbol(arrival), start, listing.address(last) + listing.length(last), trip);
    }

    /** A trip count the stub's own code fixes, whatever the registers hold. */
    public static ToLongFunction<Cpu> fixed(long iterations) {
        return cpu -> iterations;
    }

    /** True if {@code address} is in the loop's body. */
    public boolean contains(long address) {
        return Long.compareUnsigned(address - start, end - start) < 0;
    }
}
