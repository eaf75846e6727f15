package org.kexeclab.kexec;

import java.util.List;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;

/**
 * Counts what one kexec run does: the stub's executed instructions (a repeated string
 * instruction counts once per iteration, as Unicorn counts it) and the pages
 * {@code kexec_copy_page} copied, and enforces the stub's instruction budget. Two ways, chosen
 * by the engine: {@link EngineCounter} where the engine counts by itself
 * ({@link Cpu#countsNatively()}); elsewhere a block hook over the stub, {@link LoopCounter} where
 * the architecture names its stub's {@link CountedLoop}s (and no repeated instructions) and
 * {@link BlockCounter} elsewhere. All give the same counts for a run that reaches the entry point.
 */
interface RunCounter extends AutoCloseable {

    /** Runs the stub from {@code begin} to {@code until} within {@code limits} (and the budget), counting. */
    RunResult run(long begin, long until, RunLimits limits);

    /** Instructions the stub executed. */
    long instructions();

    /** Pages {@code kexec_copy_page} copied, or -1 where the stub has no such label. */
    long pages();

    @Override
    void close();

    /** The counter that suits {@code cpu}'s engine. */
    static RunCounter on(Cpu cpu, Stub stub, List<RepeatedInstruction> repeated, List<CountedLoop> loops,
            long budget, long entry) {
        if (cpu.countsNatively()) {
            return new EngineCounter(cpu, stub, repeated, budget);
        }
        return loops.isEmpty() || !repeated.isEmpty() || !intact(cpu, stub)
                ? new BlockCounter(stub, repeated, budget, entry, cpu)
                : new LoopCounter(cpu, stub, new StubRows(stub.listing(), repeated, loops), loops, budget, entry);
    }

    /** True if every placement of {@code stub} in memory holds its assembled bytes (nothing corrupted them). */
    private static boolean intact(Cpu cpu, Stub stub) {
        for (long p : stub.placements()) {
            if (!java.util.Arrays.equals(cpu.read(p, stub.size()), stub.bytes())) {
                return false;
            }
        }
        return true;
    }
}
