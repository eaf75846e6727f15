package org.kexeclab.kexec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuContext;
import org.kexeclab.engine.HookHandle;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;

/**
 * Counts a kexec run with a block hook over the stub, like {@link BlockCounter}, except inside
 * the stub's {@link CountedLoop}s: their blocks are not hooked, and each arrival adds the loop's
 * whole count (iterations from the registers there, times its rows), so a page copy costs one
 * call into Java rather than one per iteration (1,280 per page on a word-copying stub).
 *
 * <p>Counts stay exact by replaying, never by estimating. The counter keeps one saved CPU state:
 * at the run's start, at each arrival, and at the first block after every {@value #SAVE_EVERY}
 * counted instructions. When the run stops anywhere the counts so far cannot be trusted (a memory
 * fault or an undecodable instruction, the budget running out, a loop whose iterations the
 * registers do not fix or that would cross the budget) it restores that state and runs on from
 * there with the engine counting every instruction: the fault then names its exact instruction,
 * the budget ends after exactly its instructions and the counts are those of stepping. Re-running
 * repeats stores with the values they already wrote, which is harmless for the stubs: none of
 * them reads back memory it wrote since the state was saved. A replay is bounded by the
 * instructions since the saved state, at most about one page's copy or {@value #SAVE_EVERY}.
 *
 * <p>The loops' contract holds only for the stub's own code, so {@link RunCounter#on} picks this
 * counter only while the stub in memory is the assembled one (and has no repeated instructions),
 * and each arrival first checks its code up to the last loop's end: where it changed, the run
 * goes on instruction by instruction from there, as for an unknown trip.
 */
final class LoopCounter implements RunCounter {
    /** Counted instructions after which the next block saves the CPU state again. */
    private static final long SAVE_EVERY = 65_536;

    /** The loops announced at one address, with each one's instructions per iteration. */
    private record Arrival(long address, CountedLoop[] loops, long[] bodies, boolean copiesPage, byte[] code,
            ByteBuffer read) {
    }

    private final Cpu cpu;
    private final StubRows rows;
    private final long budget;
    private final long entry;
    private final List<HookHandle> hooks = new ArrayList<>();
    private final CpuContext saved;
    private long savedAt;
    private long savedInstructions;
    private long savedPages;
    private long blockStart;
    private long blockSize;
    private boolean replaying;
    private boolean halted;
    private long instructions;
    private long pages;

    LoopCounter(Cpu cpu, Stub stub, StubRows rows, List<CountedLoop> loops, long budget, long entry) {
        this.cpu = cpu;
        this.rows = rows;
        this.budget = budget;
        this.entry = entry;
        this.saved = cpu.saveContext();
        try {
            hookBlocks(stub, loops);
            hookArrivals(stub, loops);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Block hooks over each placement less the loop bodies; the rest of memory counts as stray. */
    private void hookBlocks(Stub stub, List<CountedLoop> loops) {
        List<long[]> holes = new ArrayList<>();
        for (CountedLoop l : loops) {
            holes.add(new long[] {l.start(), l.end()});
        }
        holes.sort((a, b) -> Long.compareUnsigned(a[0], b[0]));
        List<Long> placements = new ArrayList<>(stub.placements());
        placements.sort(Long::compareUnsigned);
        long strayFrom = 0;
        for (long p : placements) {
            if (p != strayFrom) {
                hooks.add(cpu.onBlock(this::strayBlock, strayFrom, p - 1));
            }
            long lo = p;
            long end = p + stub.size();
            for (long[] hole : holes) {
                if (Long.compareUnsigned(hole[0] - p, stub.size()) < 0) {
                    if (hole[0] != lo) {
                        hooks.add(cpu.onBlock(this::block, lo, hole[0] - 1));
                    }
                    lo = hole[1];
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
    }

    /** One code hook per arrival, which also counts the page where it is {@code kexec_copy_page}. */
    private void hookArrivals(Stub stub, List<CountedLoop> loops) {
        long copyPage = stub.hasSymbol("kexec_copy_page") ? stub.symbol("kexec_copy_page") : -1;
        pages = copyPage == -1 ? -1 : 0;
        Map<Long, List<CountedLoop>> byArrival = new LinkedHashMap<>();
        for (CountedLoop l : loops) {
            byArrival.computeIfAbsent(l.arrival(), a -> new ArrayList<>()).add(l);
        }
        for (Map.Entry<Long, List<CountedLoop>> e : byArrival.entrySet()) {
            CountedLoop[] at = e.getValue().toArray(CountedLoop[]::new);
            long[] bodies = new long[at.length];
            for (int k = 0; k < at.length; k++) {
                bodies[k] = rows.body(at[k]);
            }
            long end = e.getKey();
            for (CountedLoop l : at) {
                end = Long.compareUnsigned(l.end(), end) > 0 ? l.end() : end;
            }
            int from = Math.toIntExact(e.getKey() - stub.origin());
            byte[] code = java.util.Arrays.copyOfRange(stub.bytes(), from, Math.toIntExact(end - stub.origin()));
            Arrival a = new Arrival(e.getKey(), at, bodies, e.getKey() == copyPage, code,
                    ByteBuffer.allocateDirect(code.length));
            hooks.add(cpu.onCode((address, size) -> arrive(a), a.address(), a.address()));
        }
        if (copyPage != -1 && !byArrival.containsKey(copyPage)) {
            hooks.add(cpu.onCode((address, size) -> pages += halted ? 0 : 1, copyPage, copyPage));
        }
    }

    private void block(long address, int size) {
        if (replaying || halted) {
            return;
        }
        if (instructions - savedInstructions >= SAVE_EVERY) {
            save(address, instructions);
        }
        blockStart = address;
        blockSize = size;
        instructions += rows.between(address, address + size - 1);
        checkBudget();
    }

    /**
     * A block outside the stub before the entry point (a corrupted stub or list sent the CPU
     * astray): counted as its size in bytes, an upper bound on its instructions, so the budget
     * ends a runaway there too; the replay then counts it exactly. The entry's own block is not
     * counted.
     */
    private void strayBlock(long address, int size) {
        if (replaying || halted || address == entry) {
            return;
        }
        if (instructions - savedInstructions >= SAVE_EVERY) {
            save(address, instructions);
        }
        blockSize = 0;
        instructions += size;
        checkBudget();
    }

    private void arrive(Arrival a) {
        if (halted) {
            return;
        }
        if (!replaying) {
            announce(a);
        }
        if (a.copiesPage() && !halted) {
            pages++;
        }
    }

    /**
     * Saves the state at the arrival (the block hook already counted the block's rows from here
     * on, which a replay from here counts again) and adds its loops, or stops where they cannot be
     * added: an unknown trip, or more instructions than the budget has left.
     */
    private void announce(Arrival a) {
        long fromHere = Long.compareUnsigned(a.address() - blockStart, blockSize) < 0
                ? rows.between(a.address(), blockStart + blockSize - 1) : 0;
        save(a.address(), instructions - fromHere);
        if (!intact(a)) {
            halt();
            return;
        }
        long n = 0;
        for (int k = 0; k < a.loops().length; k++) {
            long trip = a.loops()[k].trip().applyAsLong(cpu);
            if (trip < 1) {
                halt();
                return;
            }
            n += trip * a.bodies()[k];
        }
        if (budget > 0 && instructions + n > budget) {
            halt();
            return;
        }
        instructions += n;
    }

    /** True if the code from the arrival to its last loop's end is still the assembled stub's. */
    private boolean intact(Arrival a) {
        ByteBuffer b = a.read().clear();
        cpu.read(a.address(), b);
        for (int k = 0; k < a.code().length; k++) {
            if (b.get(k) != a.code()[k]) {
                return false;
            }
        }
        return true;
    }

    private void save(long address, long count) {
        cpu.saveContext(saved);
        savedAt = address;
        savedInstructions = count;
        savedPages = pages;
    }

    private void checkBudget() {
        if (budget > 0 && instructions > budget) {
            halt();
        }
    }

    private void halt() {
        halted = true;
        cpu.stop();
    }

    @Override
    public RunResult run(long begin, long until, RunLimits limits) {
        save(begin, 0);
        RunResult r = cpu.run(begin, until, limits);
        if (halted) {
            if (budget > 0 && savedInstructions == budget) {
                cpu.restoreContext(saved);
                instructions = budget;
                pages = savedPages;
                return new RunResult(StopReason.BUDGET_EXHAUSTED, savedAt, -1, null, -1, instructions,
                        r.elapsedNanos());
            }
            return replay(until, limits, budget > 0 ? budget - savedInstructions : 0, r);
        }
        if (r.reason() == StopReason.MEMORY_FAULT || r.reason() == StopReason.INVALID_INSTRUCTION) {
            long blockLevel = instructions;
            long blockPages = pages;
            RunResult exact = replay(until, limits, instructions - savedInstructions + rows.size() + 1L, r);
            if (exact.reason() == r.reason()) {
                return exact;
            }
            instructions = blockLevel;
            pages = blockPages;
        }
        return r;
    }

    /** Runs again from the saved state, the engine counting every instruction, at most {@code steps} (0: no limit). */
    private RunResult replay(long until, RunLimits limits, long steps, RunResult first) {
        replaying = true;
        halted = false;
        try {
            cpu.restoreContext(saved);
            pages = savedPages;
            RunResult exact = cpu.run(savedAt, until, limits.withBudget(steps).counted());
            instructions = savedInstructions + exact.instructions();
            return new RunResult(exact.reason(), exact.pc(), exact.faultAddress(), exact.access(),
                    exact.exceptionNumber(), instructions, first.elapsedNanos() + exact.elapsedNanos(),
                    exact.reason() == StopReason.BUDGET_EXHAUSTED ? null : exact.message());
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
        saved.close();
        for (HookHandle h : hooks) {
            h.close();
        }
    }
}
