package org.kexeclab.engine;

import java.time.Duration;

/**
 * Bounds for one {@link Cpu#run}: an instruction budget and a time limit (0 = none for either),
 * and whether to count executed instructions exactly.
 *
 * <p>A budget is enforced by the engine; engines may pay for it with a per-instruction hook,
 * so ask for one only when you need it. {@link #counted()} installs an exact per-instruction
 * counter (slow: a call into Java per instruction) so that {@link RunResult#instructions()}
 * is known whatever the stop reason.
 */
public final class RunLimits {
    /** No budget, no time limit, no counting: the fastest run. */
    public static final RunLimits NONE = new RunLimits(0, 0, false);

    private final long instructionBudget;
    private final long timeoutMicros;
    private final boolean countInstructions;

    private RunLimits(long instructionBudget, long timeoutMicros, boolean countInstructions) {
        if (instructionBudget < 0 || timeoutMicros < 0) {
            throw new IllegalArgumentException("instruction budget and time limit must not be negative");
        }
        this.instructionBudget = instructionBudget;
        this.timeoutMicros = timeoutMicros;
        this.countInstructions = countInstructions;
    }

    /** Stop after {@code instructions} instructions (0 = no budget). */
    public static RunLimits budget(long instructions) {
        return new RunLimits(instructions, 0, false);
    }

    /** Stop after {@code limit} of wall-clock time (rounded up to whole microseconds). */
    public static RunLimits timeout(Duration limit) {
        return NONE.withTimeout(limit);
    }

    /** These limits with budget {@code instructions} (0 = none). */
    public RunLimits withBudget(long instructions) {
        return new RunLimits(instructions, timeoutMicros, countInstructions);
    }

    /** These limits with time limit {@code limit} ({@link Duration#ZERO} = none). */
    public RunLimits withTimeout(Duration limit) {
        long nanos = limit.toNanos();
        return new RunLimits(instructionBudget, (nanos + 999) / 1000, countInstructions);
    }

    /** These limits, also counting every executed instruction exactly (slow). */
    public RunLimits counted() {
        return new RunLimits(instructionBudget, timeoutMicros, true);
    }

    /** The instruction budget, 0 for none. */
    public long instructionBudget() {
        return instructionBudget;
    }

    /** The time limit in microseconds, 0 for none. */
    public long timeoutMicros() {
        return timeoutMicros;
    }

    /** True if every executed instruction is counted. */
    public boolean countInstructions() {
        return countInstructions;
    }

    @Override
    public String toString() {
        return "RunLimits[budget=" + instructionBudget + ", timeoutMicros=" + timeoutMicros
                + ", counted=" + countInstructions + "]";
    }
}
