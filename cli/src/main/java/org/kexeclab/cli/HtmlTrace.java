package org.kexeclab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.kexeclab.kexec.KernelEntryLeg;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.viewer.Program;
import org.kexeclab.viewer.RunDescription;
import org.kexeclab.viewer.TraceRecording;

/**
 * {@code trace --format html}: records the whole run (stub, then purgatory or entry probe)
 * with {@link TraceRecording} and writes the trace viewer, one self-contained HTML file. A run
 * longer than {@link TraceRecording#KEEP_EVERY_STEP_UP_TO} instructions (counted first on an
 * unhooked run) is recorded with its loops folded, unless {@code --no-fold}.
 */
final class HtmlTrace {
    private final TraceTarget target;
    private final ImageOptions image;
    private final StatusLine progress;
    private final PrintWriter err;
    private final boolean quiet;

    HtmlTrace(TraceTarget target, ImageOptions image, StatusLine progress, PrintWriter err, boolean quiet) {
        this.target = target;
        this.image = image;
        this.progress = progress;
        this.err = err;
        this.quiet = quiet;
    }

    /**
     * Records the run and writes the page to {@code out}; returns the exit status.
     *
     * @param from    the --from label or address, or null
     * @param limit   --limit (0: none)
     * @param noFold  --no-fold: keep every step however long the run
     * @param command the command line, named in the page
     */
    int write(OutputFile out, String from, long limit, boolean noFold, String command) {
        boolean fold = false;
        if (limit == 0 || limit > TraceRecording.KEEP_EVERY_STEP_UP_TO) {
            long instructions = countInstructions();
            fold = !noFold && instructions > TraceRecording.KEEP_EVERY_STEP_UP_TO;
            if (noFold && instructions > TraceRecording.MOST_STEPS && (limit == 0 || limit > TraceRecording.MOST_STEPS)) {
                throw new UsageException(String.format(Locale.ROOT, "--no-fold: this run takes %,d instructions, more "
                        + "than the %,d steps one page can hold; leave out --no-fold (loops are then folded) or record "
                        + "part of it with --from and --limit", instructions, TraceRecording.MOST_STEPS));
            }
        }
        try (KexecRun run = KexecRun.prepare(target.machine(), target.loaded(), target.options(),
                image.cpuEngine(target.arch()))) {
            List<Program> programs = RunPrograms.of(target, run);
            long start = from == null ? -1 : TraceCommand.address(run.launch().stub(), from);
            try (TraceRecording recording = TraceRecording.attach(run, programs,
                    target.legs(run.launch().stub()), start, limit, fold)) {
                KexecOutcome o;
                KernelEntryLeg.Outcome leg;
                try (ProgressBar bar = ProgressBar.attach(run, target.arch(), progress, "recording")) {
                    o = run.execute();
                    leg = recording.limitReached() ? null : target.followPurgatory(run, o);
                }
                recording.finish();
                if (!recording.started()) {
                    throw new UsageException("--from " + from + ": the stub never executed that address, so nothing was traced");
                }
                String outcome = recording.limitReached()
                        ? String.format(Locale.ROOT, "stopped after %,d steps (--limit)", limit)
                        : target.sentence(o, leg);
                try {
                    recording.writeHtml(out.writer(), new RunDescription(title(), target.image(), outcome, command, target.labels()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                out.commit();
                return report(recording, outcome, !recording.limitReached() && !target.verified(o, leg));
            }
        }
    }

    private String title() {
        return "kexec-lab trace: " + target.arch().name() + ", " + target.image();
    }

    /** Instructions the run takes, from a run with nothing but the counter attached. */
    private long countInstructions() {
        try (KexecRun run = KexecRun.prepare(target.machine(), target.loaded(), target.options(),
                image.cpuEngine(target.arch()));
             ProgressBar bar = ProgressBar.attach(run, target.arch(), progress, "counting instructions on")) {
            return run.execute().instructions();
        }
    }

    private int report(TraceRecording recording, String outcome, boolean failed) {
        if (!quiet) {
            err.printf(Locale.ROOT, "kexec-lab: recorded %,d steps (%,d instructions) on %s; %s%n", recording.steps(),
                    recording.instructions(), target.arch().name(), outcome);
            for (String note : recording.notes()) {
                err.println("kexec-lab: " + note);
            }
        } else if (failed) {
            err.println("kexec-lab: " + outcome);
        }
        err.flush();
        return failed ? KexecLab.EXIT_FAILED : 0;
    }

    /** The page's file, refusing where a page cannot be written. */
    static void requireOut(Path out) {
        if (out == null) {
            throw new UsageException("--format html writes one file: give --out FILE (or --out - for standard output)");
        }
    }
}
