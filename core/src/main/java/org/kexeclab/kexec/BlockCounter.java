package org.kexeclab.kexec;

import java.util.ArrayList;
import java.util.List;
import org.kexeclab.asm.Listing;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuContext;
import org.kexeclab.engine.HookHandle;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;

/**
 * Counts executed stub instructions with a block hook and the listing (one upcall per
 * basic block, not per instruction), pages with a code hook on the stub's
 * {@code kexec_copy_page} label, and enforces the instruction budget itself so the
 * engine needs no per-instruction counter: the counter for engines that do not count by
 * themselves. Blocks outside the stub (only a corrupted stub or list runs any before the
 * entry) count their size in bytes, so a stub that strays into other memory still ends at its
 * budget instead of its time limit.
 *
 * <p>Repeated instructions ({@link MachineKexec#repeatedInstructions}, a string instruction
 * with a repeat prefix): Unicorn ends a block after every iteration, so a block hook over one
 * would cost one upcall per iteration (~0.5 s for the demo image's 566k iterations of one
 * stub, against ~35 ms for the whole run without counting). Their rows are left out of the
 * hooked ranges and each block that runs into one adds its iterations: the count is the same
 * as one per iteration, with one upcall per block.
 *
 * <p>Exact fault addresses: Unicorn 2.0.1 reports a data fault at the start of the basic
 * block unless every instruction is hooked. The counter saves the register state (one
 * {@code uc_context_save}, no allocation) at the start of each streak of runs of one block: a
 * block that runs again right after itself (a self-loop: a page copy runs one block 1,024
 * times) keeps the state saved before its first run, since the save costs more than the rest of
 * the upcall (about 3 us where the CPU context is large). After a memory fault in that block
 * it restores the state and re-runs the streak with per-instruction counting, which stops at the
 * exact faulting instruction. Re-running repeats the streak's stores with the same values, which
 * is harmless for the stubs: none of their loops reads back memory it wrote.
 */
final class BlockCounter implements RunCounter {
    private final Cpu cpu;
    private final Listing listing;
    private final long budget;
    private final long entry;
    private final List<HookHandle> hooks = new ArrayList<>();
    private final int[] repRows;
    private final long[] repExtra;
    private final CpuContext streakStart;
    private long lastBlock = -1;
    private long streakInstructions;
    private boolean replaying;
    private long instructions;
    private long pages;
    private boolean exhausted;

    BlockCounter(Stub stub, List<RepeatedInstruction> repeated, long budget, long entry, Cpu cpu) {
        this.cpu = cpu;
        this.entry = entry;
        this.listing = stub.listing();
        this.budget = budget;
        List<RepeatedInstruction> inOrder = repeated.stream()
                .sorted((a, b) -> Long.compareUnsigned(a.address(), b.address())).toList();
        this.repRows = new int[inOrder.size()];
        this.repExtra = new long[inOrder.size()];
        for (int k = 0; k < inOrder.size(); k++) {
            RepeatedInstruction r = inOrder.get(k);
            repRows[k] = listing.indexOf(r.address());
            repExtra[k] = r.iterations() - 1;
            if (repRows[k] < 0 || listing.address(repRows[k]) != r.address()) {
                throw new IllegalArgumentException(String.format("the repeated instruction at 0x%x is not one "
                        + "of the stub's", r.address()));
            }
        }
        this.streakStart = cpu.saveContext();
        hookStub(stub);
    }

    /**
     * Block hooks over each of the stub's placements, leaving out the repeated instructions'
     * rows; everything between and around the placements counts as stray.
     */
    private void hookStub(Stub stub) {
        List<Long> placements = new ArrayList<>(stub.placements());
        placements.sort(Long::compareUnsigned);
        long strayFrom = 0;
        for (long p : placements) {
            if (p != strayFrom) {
                hooks.add(cpu.onBlock(this::strayBlock, strayFrom, p - 1));
            }
            long lo = p;
            long end = p + stub.size();
            for (int row : repRows) {
                long at = listing.address(row);
                if (Long.compareUnsigned(at - p, stub.size()) < 0) {
                    if (at != lo) {
                        hooks.add(cpu.onBlock(this::block, lo, at - 1));
                    }
                    lo = at + listing.length(row);
                }
            }
            if (lo != end) {
                hooks.add(cpu.onBlock(this::block, lo, end - 1));
            }
            strayFrom = end;
        }
        if (strayFrom != 0) {
            hooks.add(cpu.onBlock(this::strayBlock, strayFrom, -1L));
        }
        if (stub.hasSymbol("kexec_copy_page")) {
            long at = stub.symbol("kexec_copy_page");
            hooks.add(cpu.onCode((a, s) -> pages += replaying ? 0 : 1, at, at));
        } else {
            pages = -1;
        }
    }

    private void block(long address, int size) {
        if (replaying) {
            return;
        }
        if (address != lastBlock) {
            cpu.saveContext(streakStart);
            lastBlock = address;
            streakInstructions = 0;
        }
        int first = listing.indexOf(address);
        int last = listing.indexOf(address + size - 1);
        if (first >= 0 && last >= first) {
            long n = last - first + 1;
            for (int k = 0; k < repRows.length; k++) {
                if (repRows[k] >= first && repRows[k] <= last) {
                    n += repExtra[k];
                }
            }
            instructions += n;
            streakInstructions += n;
        }
        if (budget > 0 && instructions > budget && !exhausted) {
            exhausted = true;
            cpu.stop();
        }
    }

    /**
     * A block outside the stub before the entry point (a corrupted stub or list sent the
     * CPU astray): counted as its size in bytes, an upper bound on its instructions, so
     * the budget ends a runaway there too. The entry's own block is not counted.
     */
    private void strayBlock(long address, int size) {
        if (replaying || address == entry) {
            return;
        }
        instructions += size;
        if (budget > 0 && instructions > budget && !exhausted) {
            exhausted = true;
            cpu.stop();
        }
    }

    @Override
    public RunResult run(long begin, long until, RunLimits limits) {
        RunResult r = cpu.run(begin, until, limits);
        if (exhausted && r.reason() == StopReason.STOPPED) {
            return new RunResult(StopReason.BUDGET_EXHAUSTED, r.pc(), -1, null, -1, instructions,
                    r.elapsedNanos());
        }
        if (r.reason() == StopReason.MEMORY_FAULT && r.pc() == lastBlock) {
            return pinpoint(r, until);
        }
        return r;
    }

    /** Re-runs the faulting block's streak instruction by instruction to find the faulting one. */
    private RunResult pinpoint(RunResult blockLevel, long until) {
        replaying = true;
        try {
            cpu.restoreContext(streakStart);
            RunResult exact = cpu.run(lastBlock, until,
                    RunLimits.budget(streakInstructions + listing.size() + 1L).counted());
            if (exact.reason() != StopReason.MEMORY_FAULT) {
                return blockLevel;
            }
            return new RunResult(StopReason.MEMORY_FAULT, exact.pc(), exact.faultAddress(), exact.access(),
                    -1, instructions, blockLevel.elapsedNanos());
        } finally {
            replaying = false;
        }
    }

    @Override
    public long instructions() {
        return instructions;
    }

    @Override
    public long pages() {
        return pages;
    }

    @Override
    public void close() {
        streakStart.close();
        for (HookHandle h : hooks) {
            h.close();
        }
    }
}
