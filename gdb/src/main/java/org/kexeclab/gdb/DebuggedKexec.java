package org.kexeclab.gdb;

import java.util.Locale;
import org.kexeclab.engine.RunResult;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.VerificationResult;
import org.kexeclab.image.Verifier;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;

/**
 * The prepared kexec a GDB session debugs: the CPU stopped at the stub's first instruction, the
 * list to describe ({@code monitor list}), the oracle to ask now ({@code monitor verify}) and the
 * verdict once the stub reaches the new kernel's entry, followed by what runs after it (a real
 * kernel's purgatory leg) where there is one.
 */
public final class DebuggedKexec {

    /** What runs after the stub reached the entry and was verified, e.g. the purgatory's leg to the kernel. */
    @FunctionalInterface
    public interface AfterEntry {
        /** Runs it on {@code run}'s CPU and says how it went. */
        Verdict follow(KexecRun run);
    }

    /**
     * How the kexec ended.
     *
     * @param verified true if every check passed
     * @param text     one or more sentences for GDB's console and stderr
     */
    public record Verdict(boolean verified, String text) {
    }

    private final KexecRun run;
    private final long budget;
    private final AfterEntry after;

    /**
     * @param run    prepared, not yet executed
     * @param budget the stub's instruction budget (0: none)
     * @param after  what follows a verified relocation, or null
     */
    public DebuggedKexec(KexecRun run, long budget, AfterEntry after) {
        this.run = run;
        this.budget = budget;
        this.after = after;
    }

    /**
     * Puts the CPU at the stub's first instruction, in the instruction set it starts in, without
     * executing anything (a run from there that stops there): where GDB finds the machine.
     */
    void stopAtStubStart() {
        long begin = run.launch().begin();
        RunResult r = run.cpu().run(begin, begin, org.kexeclab.engine.RunLimits.NONE);
        if (!r.reachedUntil()) {
            throw new IllegalStateException("the CPU could not be placed at the stub's first instruction: " + r.message());
        }
    }

    /** The prepared run. */
    public KexecRun run() {
        return run;
    }

    long budget() {
        return budget > 0 ? budget : Long.MAX_VALUE;
    }

    long entry() {
        return run.loaded().image().entry();
    }

    /** The indirection list in words, one entry a line. */
    String listInWords() {
        StringBuilder b = new StringBuilder();
        run.loaded().description().describeTo(b);
        return b.toString();
    }

    /** The oracle's word on the destination pages as guest memory holds them now. */
    String verifyNow(long instructions) {
        LoadedImage loaded = run.loaded();
        VerificationResult v = new Verifier(loaded).verifyDestinations(run.cpu());
        return String.format(Locale.ROOT, "After %,d instructions: %s%n", instructions, v.passed()
                ? "every destination byte is already as the oracle expects (" + v.pagesCompared() + " pages)"
                : "the destinations are not (yet) as the oracle expects: " + v.describe());
    }

    /** The verdict at the entry point: everything {@code run} checks, then what follows it. */
    Verdict finish(RunResult atEntry) {
        KexecOutcome o = run.outcomeOf(atEntry);
        if (!o.verified()) {
            return new Verdict(false, "kexec-lab: the kexec FAILED: " + o.failure() + "\n");
        }
        String head = String.format(Locale.ROOT, "kexec-lab: the stub reached the new kernel's entry 0x%x after "
                + "%,d instructions and the kexec is verified: every destination byte as the oracle expects, "
                + "the entry registers as the boot protocol requires%s.%n", entry(), atEntry.instructions(),
                o.probe() != null ? ", and the entry probe ran there" : "");
        if (after == null) {
            return new Verdict(true, head);
        }
        Verdict next = after.follow(run);
        return new Verdict(next.verified(), head + next.text());
    }
}
