package org.kexeclab.kexec;

import java.util.ArrayList;
import java.util.List;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.HookHandle;
import org.kexeclab.engine.MemoryAccess;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;

/**
 * Counts a kexec run on an engine that counts instructions itself ({@link Cpu#countsNatively()}):
 * the run asks the engine for its exact count and budget, so no hook covers the stub's loops and
 * the engine's fast paths (the Java engine's loop idioms) stay on. Only single addresses are
 * hooked: {@code kexec_copy_page}, once per page, and each repeated string instruction, which the
 * engine retires as one instruction but which counts once per iteration (its
 * {@link RepeatedInstruction#iterations()}), as Unicorn and {@link BlockCounter} count it.
 *
 * <p>The budget is the engine's, so a repeated instruction counts as one against it; a run that
 * reaches the entry point counts the same as with {@link BlockCounter}. A load or store that
 * faults counts as reached, as a code hook and {@link LoopCounter} count it, though the engine
 * did not retire it.
 */
final class EngineCounter implements RunCounter {
    private final Cpu cpu;
    private final long budget;
    private final List<HookHandle> hooks = new ArrayList<>();
    private long instructions;
    private long repeatExtra;
    private long pages;

    EngineCounter(Cpu cpu, Stub stub, List<RepeatedInstruction> repeated, long budget) {
        this.cpu = cpu;
        this.budget = budget;
        try {
            for (RepeatedInstruction r : repeated) {
                long extra = r.iterations() - 1;
                hooks.add(cpu.onCode((a, s) -> repeatExtra += extra, r.address(), r.address()));
            }
            if (stub.hasSymbol("kexec_copy_page")) {
                long at = stub.symbol("kexec_copy_page");
                hooks.add(cpu.onCode((a, s) -> pages++, at, at));
            } else {
                pages = -1;
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    @Override
    public RunResult run(long begin, long until, RunLimits limits) {
        RunResult r = cpu.run(begin, until, limits.withBudget(budget).counted());
        instructions = r.instructions() + repeatExtra + (dataFault(r) ? 1 : 0);
        if (r.reason() != StopReason.BUDGET_EXHAUSTED && !dataFault(r)) {
            return r;
        }
        return new RunResult(r.reason(), r.pc(), r.faultAddress(), r.access(), r.exceptionNumber(), instructions,
                r.elapsedNanos(), r.message());
    }

    /** A load or store that faulted: the stub reached that instruction, which counts as the other counters count it. */
    private static boolean dataFault(RunResult r) {
        return r.reason() == StopReason.MEMORY_FAULT && r.access() != null && r.access() != MemoryAccess.FETCH;
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
        for (HookHandle h : hooks) {
            h.close();
        }
    }
}
