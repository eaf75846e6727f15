package org.kexeclab.cli;

import java.io.PrintWriter;
import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.asm.Stub;
import org.kexeclab.image.EntryKind;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.trace.TextTraceSink;
import org.kexeclab.trace.TraceHeader;
import org.kexeclab.trace.TraceSink;
import org.kexeclab.trace.TraceStep;
import org.kexeclab.trace.Tracer;

/**
 * The demo's closing example: one page copy traced instruction by instruction (the one-page
 * image, from the load of its SOURCE entry to the load of the next entry), with its loop
 * folded, on the first architecture of the comparison that ran.
 */
final class DemoExcerpt {
    private DemoExcerpt() {
    }

    static void print(PrintWriter out, List<ComparisonRow> rows, ImageOptions options) throws Exception {
        Arch arch = rows.stream().filter(r -> r.outcome() != null).map(ComparisonRow::arch).findFirst().orElse(null);
        if (arch == null) {
            return;
        }
        MachineKexec machine = Arches.support(arch).machineKexec();
        ImageOptions onePage = new ImageOptions();
        onePage.image = "one-page";
        onePage.engine = options.engine;
        onePage.seed = options.seed;
        onePage.placement = options.placement;
        onePage.budget = options.budget;
        LoadedImage loaded = DemoRunner.load(machine, onePage, "one-page");
        out.printf("%nOne page copy on %s, instruction by instruction "
                + "(from kexec-lab trace --arch %s --image one-page):%n", arch, arch.name());
        try (KexecRun run = KexecRun.prepare(machine, loaded, onePage.kexecOptions(), onePage.cpuEngine(arch))) {
            Stub stub = run.launch().stub();
            OnePageCopy sink = new OnePageCopy(new TextTraceSink(out, true), loaded);
            try (Tracer tracer = Tracer.attach(run.cpu(), loaded, stub, sink, -1, 0)) {
                KexecOutcome o = run.execute();
                tracer.finish("the walk goes on to the next entry (" + TraceCommand.sentence(o) + ")");
            }
        }
        out.flush();
    }

    /** Passes on the steps from the first SOURCE entry's load up to the next entry's load. */
    private static final class OnePageCopy implements TraceSink {
        private final TraceSink text;
        private final LoadedImage loaded;
        private boolean copying;
        private boolean over;

        OnePageCopy(TraceSink text, LoadedImage loaded) {
            this.text = text;
            this.loaded = loaded;
        }

        @Override
        public void start(TraceHeader header) {
            text.start(header);
        }

        @Override
        public void step(TraceStep s) {
            if (over) {
                return;
            }
            int n = s.listEntry();
            if (n >= 0 && copying) {
                over = true;
                return;
            }
            if (n >= 0 && loaded.description().entry(n).kind() == EntryKind.SOURCE) {
                copying = true;
            }
            if (copying) {
                text.step(s);
            }
        }

        @Override
        public void finish(String outcome) {
            text.finish(outcome);
        }
    }
}
