package org.kexeclab.engine.interp;

import org.kexeclab.engine.StopReason;

/**
 * The interpreter's inner loop: steps the {@link IsaCore} until {@code until}, the budget, the
 * time limit, a stop request, an invalid instruction, an unhandled exception or a memory fault.
 * With no hook installed the per-instruction cost is one {@code pc} compare, one budget compare
 * and the step; the clock and the stop flag are read every {@value #CHECK_EVERY} instructions.
 *
 * <p>Loop idioms: after an instruction that ends a block, unless a code or block hook covers the
 * loop, the core may run whole iterations of a recognised self-loop in bulk ({@link IsaCore#runIdiom}),
 * at most {@link #IDIOM_CHUNK} instructions and never past the budget; the clock and the stop
 * flag are read again right after each bulk run.
 */
final class RunLoop {
    /** Instructions between two reads of the clock and of the stop flag. */
    static final int CHECK_EVERY = 1024;
    /** Most instructions one {@link IsaCore#runIdiom} call may execute between two checks. */
    static final long IDIOM_CHUNK = 1 << 16;

    private final IsaCore core;
    private final GuestBus bus;
    private final HookTable hooks;
    /** Instructions executed by the last {@link #run}. */
    long executed;
    /** The address of the halt instruction that ended the last {@link #run}, or -1. */
    long haltedAt;
    /** Set by {@link InterpCpu#stop()}; volatile so another thread may ask too. */
    volatile boolean stopRequested;
    /** Instructions of the last {@link #run} that loop idioms executed in bulk. */
    long idiomExecuted;
    /** False to step every instruction (loop idioms off): for the differential tests. */
    boolean idioms = true;

    RunLoop(IsaCore core, GuestBus bus, HookTable hooks) {
        this.core = core;
        this.bus = bus;
        this.hooks = hooks;
    }

    /**
     * Runs; returns why it stopped. {@link StopReason#MEMORY_FAULT} details are in the bus,
     * {@link StopReason#CPU_EXCEPTION} in {@link IsaCore#exceptionNumber()}.
     */
    StopReason run(long stopAt, long budget, long deadline) {
        long n = 0;
        idiomExecuted = 0;
        long nextCheck = CHECK_EVERY - 1;
        boolean blockStart = true;
        try {
            while (true) {
                long pc = core.pc();
                if (pc == stopAt) {
                    return end(n, StopReason.REACHED_UNTIL);
                }
                if (budget != 0 && n >= budget) {
                    return end(n, StopReason.BUDGET_EXHAUSTED);
                }
                if (n >= nextCheck) {
                    nextCheck = n + CHECK_EVERY;
                    if (stopRequested) {
                        return end(n, StopReason.STOPPED);
                    }
                    if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline >= 0) {
                        return end(n, StopReason.TIMEOUT);
                    }
                }
                if ((hooks.code || hooks.block) && fireHooks(pc, stopAt, blockStart)) {
                    return end(n, StopReason.STOPPED);
                }
                int s = core.step();
                if (s == Step.NEXT) {
                    n++;
                    blockStart = false;
                } else if (s == Step.END_BLOCK) {
                    n++;
                    blockStart = true;
                    long k = idiom(stopAt, budget, n);
                    n += k;
                    nextCheck = k == 0 ? nextCheck : n;
                } else if (s == Step.INVALID) {
                    return end(n, StopReason.INVALID_INSTRUCTION);
                } else if (s == Step.HALT) {
                    haltedAt = pc;
                    return end(n + 1, StopReason.STOPPED);
                } else {
                    n++;
                    blockStart = true;
                    if (!hooks.hasInterrupt()) {
                        return end(n, StopReason.CPU_EXCEPTION);
                    }
                    hooks.interrupt(core.exceptionNumber());
                    if (stopRequested) {
                        return end(n, StopReason.STOPPED);
                    }
                }
            }
        } catch (GuestBus.MemoryFault fault) {
            return end(n, StopReason.MEMORY_FAULT);
        }
    }

    /**
     * Runs a loop idiom at the block start pc if idioms are on and pc is not {@code stopAt}
     * (the idiom itself declines if a hook covers its body); returns the instructions it executed.
     */
    private long idiom(long stopAt, long budget, long n) {
        if (!idioms || core.pc() == stopAt) {
            return 0;
        }
        long room = budget == 0 ? IDIOM_CHUNK : Math.min(IDIOM_CHUNK, budget - n);
        long k = room <= 0 ? 0 : core.runIdiom(room, stopAt);
        idiomExecuted += k;
        return k;
    }

    /** Fires the block and code hooks before the instruction at {@code pc}; true if one asked to stop. */
    private boolean fireHooks(long pc, long stopAt, boolean blockStart) {
        if (blockStart && hooks.block && hooks.blockCovers(pc)) {
            hooks.block(pc, core.blockSize(pc, stopAt));
        }
        if (hooks.code) {
            hooks.code(pc, core.instructionSize(pc));
        }
        return stopRequested;
    }

    private StopReason end(long n, StopReason reason) {
        executed = n;
        return reason;
    }

    /** The bus this loop's core uses (for fault details). */
    GuestBus bus() {
        return bus;
    }
}
