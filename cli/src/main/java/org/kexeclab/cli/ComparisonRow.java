package org.kexeclab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.kexeclab.Arch;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.EngineSupport;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.MachineKexecs;

/** One architecture's line in {@code compare}: an outcome, or the reason it could not run. */
record ComparisonRow(Arch arch, KexecOutcome outcome, String reason) {

    static ComparisonRow of(Arch arch, ImageOptions options, PrintWriter progress) throws Exception {
        MachineKexec machine;
        try {
            machine = MachineKexecs.forArch(arch);
        } catch (IllegalArgumentException notBuilt) {
            return new ComparisonRow(arch, null, "no MachineKexec for " + arch + " yet");
        }
        CpuEngine engine = options.cpuEngine();
        EngineSupport support = engine.probe(arch);
        if (!support.supported()) {
            return new ComparisonRow(arch, null, "assembled, not runnable on " + engine.name() + ": " + support.reason());
        }
        if (progress != null) {
            progress.printf("kexec-lab: relocating on %s ...%n", arch);
            progress.flush();
        }
        return new ComparisonRow(arch, DemoRunner.run(machine.arch(), options, progress), null);
    }

    static String table(List<ComparisonRow> rows, boolean markdown) {
        String[] head = {"arch", "stub bytes", "instructions", "instr/page", "pages copied", "engine ms", "verified"};
        StringBuilder b = new StringBuilder();
        String fmt = markdown ? "| %s | %s | %s | %s | %s | %s | %s |%n" : "%-8s %10s %14s %10s %12s %10s  %s%n";
        b.append(String.format(fmt, (Object[]) head));
        if (markdown) {
            b.append("|---|---:|---:|---:|---:|---:|---|\n");
        }
        for (ComparisonRow r : rows) {
            KexecOutcome o = r.outcome();
            if (o == null) {
                b.append(String.format(fmt, r.arch(), "-", "-", "-", "-", "-", "not run: " + r.reason()));
                continue;
            }
            String perPage = o.instructions() < 0 || o.pagesCopied() <= 0 ? "-"
                    : String.format(Locale.ROOT, "%.1f", (double) o.instructions() / o.pagesCopied());
            b.append(String.format(fmt, o.arch(), Text.count(o.stubBytes()), Text.count(o.instructions()), perPage,
                    Text.count(o.pagesCopied()), String.format(Locale.ROOT, "%.1f", o.elapsedNanos() / 1e6),
                    o.verified() ? "yes" : "NO: " + o.failure()));
        }
        return b.toString();
    }
}
