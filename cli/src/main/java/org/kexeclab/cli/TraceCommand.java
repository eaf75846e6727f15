package org.kexeclab.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.kexeclab.Arch;
import org.kexeclab.arch.ArchSupport;
import org.kexeclab.arch.Arches;
import org.kexeclab.asm.Stub;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KernelEntryLeg;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.trace.TenetTraceSink;
import org.kexeclab.trace.TextTraceSink;
import org.kexeclab.trace.TraceSink;
import org.kexeclab.trace.Tracer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trace}: the stub run instruction by instruction, as text, JSON Lines or Tenet's format,
 * or the whole run as the trace viewer (one HTML file).
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Trace the relocation stub instruction by instruction.",
            "Each step: address, bytes, source line, changed registers, stores, and each list entry in plain "
                + "words. Loops are folded in text and jsonl (--no-fold shows every step); tenet writes the Tenet "
                + "trace explorer's format (${bundle:kexeclab.tenetArches}); html writes the trace viewer, one "
                + "self-contained page (source, registers, list, memory map, timeline) that follows the stub and then "
                + "the purgatory or the entry probe. "
                + "The default image is small (5 pages); with --crash it is the demo image; --kernel and --kexec-log "
                + "load as run does, and a kernel's trace has two legs, named in its header: the stub to the "
                + "purgatory's entry, then the purgatory to the kernel's entry."})
final class TraceCommand implements Callable<Integer> {
    enum Format { text, jsonl, tenet, html }

    @Mixin
    ArchOption archOption;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|jsonl|tenet|html",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the trace to FILE: a regular file is replaced "
            + "whole or not at all; a device, FIFO or - (standard output) is written through.")
    Path out;

    @Option(names = "--from", paramLabel = "LABEL|ADDR", description = "Start recording at this stub label or address.")
    String from;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
            description = "Record at most N steps, then stop the run (default: no limit).")
    long limit;

    @Option(names = "--no-fold", description = "Show every iteration of every loop.")
    boolean noFold;

    @Option(names = "--kexec-log", paramLabel = "FILE",
            description = "Trace the segment layout of a 'kexec -d -l ...' log (contents are generated).")
    Path kexecLog;

    @Mixin
    ImageOptions image;

    @Mixin
    RelocatorOptions relocator;

    @Mixin
    KernelOptions kernel;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    /** Refuses {@code --format tenet} for an architecture Tenet has no definition for, naming those it has. */
    static void requireTenet(Arch arch) {
        if (Arches.support(arch).registers().tenet().isPresent()) {
            return;
        }
        List<String> traced = new ArrayList<>();
        for (ArchSupport s : Arches.supports()) {
            s.registers().tenet().ifPresent(t -> traced.add(s.arch().toString()));
        }
        throw new UsageException("--format tenet writes " + Text.and(traced) + " traces only (Tenet has no " + arch
                + " definition): use --format text or jsonl for " + arch);
    }

    @Override
    public Integer call() throws Exception {
        if (limit < 0) {
            throw new UsageException("--limit must not be negative");
        }
        if (format == Format.html) {
            HtmlTrace.requireOut(out);
        }
        Arch arch = kexecLog != null ? archOption.arch : archOption.resolve(kernel);
        if (format == Format.tenet && arch != null) {
            requireTenet(arch);
        }
        TraceTarget target = TraceTarget.of(arch, image, kernel, kexecLog, relocator);
        if (format == Format.tenet) {
            requireTenet(target.arch());
        }
        if (out == null) {
            return trace(target, spec.commandLine().getOut(), null);
        }
        try (OutputFile file = OutputFile.open(out, spec.commandLine().getOut())) {
            boolean toStdout = out.toString().equals("-");
            StatusLine progress = toStdout ? null : KexecLab.progress(spec, common);
            if (format == Format.html) {
                return new HtmlTrace(target, image, progress, spec.commandLine().getErr(), common.quiet)
                        .write(file, from, limit, noFold, commandLine());
            }
            int status = trace(target, file.writer(), progress);
            file.commit();
            return status;
        }
    }

    private String commandLine() {
        return "kexec-lab " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

    /** Traces into {@code w}; {@code progress} is null when the trace itself goes to the terminal. */
    @SuppressWarnings("try") // the progress bar is a resource for its close(), which detaches it; it is never read
    private int trace(TraceTarget target, Writer w, StatusLine progress) {
        LoadedImage loaded = target.loaded();
        Arch arch = target.arch();
        try (KexecRun run = KexecRun.prepare(target.machine(), loaded, target.options(), image.cpuEngine(arch))) {
            Stub stub = run.launch().stub();
            long start = from == null ? -1 : address(stub, from);
            TraceSink sink = switch (format) {
                case text -> new TextTraceSink(w, !noFold);
                case jsonl -> new JsonLinesTraceSink(w, !noFold);
                case tenet -> new TenetTraceSink(w);
                case html -> throw new IllegalStateException("html is written by HtmlTrace");
            };
            KexecOutcome o;
            try (Tracer tracer = Tracer.attach(run.cpu(), loaded, target.legs(stub), sink, start, limit);
                 ProgressBar bar = ProgressBar.attach(run, arch, progress)) {
                o = run.execute();
                KernelEntryLeg.Outcome leg = tracer.limitReached() ? null : target.followPurgatory(run, o);
                String outcome = target.sentence(o, leg);
                tracer.finish(outcome);
                if (!tracer.started()) {
                    throw new UsageException("--from " + from + ": the stub never executed that address, so nothing was traced");
                }
                PrintWriter err = spec.commandLine().getErr();
                boolean failed = !target.verified(o, leg) && !tracer.limitReached();
                if (!common.quiet) {
                    err.printf("kexec-lab: traced %,d steps on %s; %s%n", tracer.steps(), arch.name(),
                            tracer.limitReached() ? "stopped at --limit" : outcome);
                } else if (failed) {
                    err.println("kexec-lab: " + outcome.replaceFirst("^FAILED: ", ""));   // --quiet silences progress, never a failure
                }
                err.flush();
                return failed ? KexecLab.EXIT_FAILED : 0;
            }
        }
    }

    static String sentence(KexecOutcome o) {
        return o.verified()
                ? String.format("verified: %,d instructions, %,d page%s copied; destinations, entry registers and probe as expected",
                        o.instructions(), o.pagesCopied(), o.pagesCopied() == 1 ? "" : "s")
                : "FAILED: " + o.failure();
    }

    static long address(Stub stub, String where) {
        if (stub.hasSymbol(where)) {
            return stub.symbol(where);
        }
        if (where.isBlank()) {
            throw new UsageException("an empty label or address: give a label of the stub (its labels: "
                    + String.join(", ", new java.util.TreeSet<>(stub.globals())) + ") or an address");
        }
        if (!Character.isDigit(where.charAt(0))) {
            throw new UsageException("'" + where + "' is not a label of the stub (its labels: "
                    + String.join(", ", new java.util.TreeSet<>(stub.globals())) + ") nor an address");
        }
        long a = Numbers.parse(where, "address");
        if (stub.listing().indexOf(a) < 0) {
            throw new UsageException(String.format("0x%x is not an instruction of the stub (0x%x..0x%x)",
                    a, stub.origin(), stub.origin() + stub.size() - 1));
        }
        return a;
    }
}
