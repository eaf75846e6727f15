package org.kexeclab.kexec;

import java.time.Duration;

/**
 * How to run one kexec.
 *
 * @param preserveContext   {@code KEXEC_PRESERVE_CONTEXT}: swap source and destination
 *                          pages through the swap page instead of copying ({@link org.kexeclab.kexec.load.KexecLoad}
 *                          refuses it where {@link MachineKexec#supportsPreserveContext} is false)
 * @param instructionBudget stop the stub after this many instructions (0 = none); a list that
 *                          never reaches DONE ends as "budget exhausted", not a hang
 * @param timeout           wall-clock limit of the run ({@link Duration#ZERO} = none)
 * @param countInstructions count executed instructions and copied pages (costs a block hook);
 *                          off for benchmarks
 * @param runProbe          after reaching the entry point, run the entry probe (if the image
 *                          carries one) so code at the destination proves the jump
 */
public record KexecOptions(boolean preserveContext, long instructionBudget, Duration timeout,
                           boolean countInstructions, boolean runProbe) {

    /** A budget generous enough for a 256 MiB image on every stub, small enough to end a runaway loop. */
    public static final long DEFAULT_BUDGET = 2_000_000_000L;

    /** Copy (no swap), default budget, a 10-minute limit, counting, probe on. */
    public static KexecOptions defaults() {
        return new KexecOptions(false, DEFAULT_BUDGET, Duration.ofMinutes(10), true, true);
    }

    /** These options with preserve-context set as given. */
    public KexecOptions withPreserveContext(boolean on) {
        return new KexecOptions(on, instructionBudget, timeout, countInstructions, runProbe);
    }

    /** These options with another instruction budget (0 = none). */
    public KexecOptions withInstructionBudget(long budget) {
        return new KexecOptions(preserveContext, budget, timeout, countInstructions, runProbe);
    }

    /** These options with counting on or off. */
    public KexecOptions withCounting(boolean on) {
        return new KexecOptions(preserveContext, instructionBudget, timeout, on, runProbe);
    }

    /** These options with the entry probe on or off. */
    public KexecOptions withProbe(boolean on) {
        return new KexecOptions(preserveContext, instructionBudget, timeout, countInstructions, on);
    }
}
