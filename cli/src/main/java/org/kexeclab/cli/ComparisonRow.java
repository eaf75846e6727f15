package org.kexeclab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.EngineSupport;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.MachineKexec;

/**
 * One architecture's line in {@code compare}: an outcome with the stub's loads and stores,
 * or the reason it could not run. {@code engine} names the engine that was asked for in
 * {@code compare --engines} (so a row that could not run still says which engine it is); it is
 * null when each architecture got its default engine.
 */
record ComparisonRow(Arch arch, KexecOutcome outcome, String reason, MemoryStats memory, String engine) {

    static ComparisonRow of(Arch arch, ImageOptions options, StatusLine progress, boolean countMemory)
            throws Exception {
        MachineKexec machine;
        try {
            machine = Arches.support(arch).machineKexec();
        } catch (IllegalArgumentException notBuilt) {
            return new ComparisonRow(arch, null, "no MachineKexec for " + arch + " yet", null, null);
        }
        CpuEngine engine = options.cpuEngine(arch);
        EngineSupport support = engine.probe(arch);
        if (!support.supported()) {
            return new ComparisonRow(arch, null,
                    "assembled, not runnable on " + engine.name() + ": " + support.reason(), null, null);
        }
        KexecOutcome fast = DemoRunner.run(machine.arch(), options, progress);
        if (!countMemory) {
            return new ComparisonRow(arch, fast, null, null, null);
        }
        MemoryStats stats = new MemoryStats();
        DemoRunner.run(machine.arch(), options, progress, stats);
        return new ComparisonRow(arch, fast, null, stats, null);
    }

    /**
     * The row as one JSON object: the outcome's fields and the architecture, the loads, stores and
     * bytes written when they were counted, or {@code runnable: false} and the reason it did not run.
     */
    ObjectNode json() {
        ObjectNode n = outcome != null ? OutcomeJson.of(outcome) : OutcomeJson.MAPPER.createObjectNode();
        n.put("arch", arch.name());
        if (memory != null) {
            n.put("loads", memory.loads);
            n.put("stores", memory.stores);
            n.put("bytesWritten", memory.bytesWritten);
        }
        if (outcome == null) {
            n.put("runnable", false);
            n.put("reason", reason);
        }
        return n;
    }

    /** This row labelled with the engine that was asked for ({@code compare --engines}). */
    ComparisonRow labelled(String engineName) {
        return new ComparisonRow(arch, outcome, reason, memory, engineName);
    }

    /** The engine's first word ({@code unicorn}, {@code java}): the label, else the outcome's engine. */
    String engineShortName() {
        String name = engine != null ? engine : outcome != null ? outcome.engine() : "-";
        int space = name.indexOf(' ');
        return space < 0 ? name : name.substring(0, space);
    }

    /**
     * The side-by-side table; the loads, stores and bytes-written columns appear when the rows
     * were counted (compare), and are left out otherwise (demo, which must stay fast).
     */
    static String table(List<ComparisonRow> rows, boolean markdown) {
        boolean memory = rows.stream().anyMatch(r -> r.memory() != null);
        List<String[]> lines = new ArrayList<>();
        lines.add(columns(memory, "arch", "engine", "stub bytes", "instructions", "instr/page", "loads", "stores",
                "bytes written", "engine ms", "verified"));
        for (ComparisonRow r : rows) {
            KexecOutcome o = r.outcome();
            if (o == null) {
                lines.add(columns(memory, r.arch().name(), r.engine() == null ? "-" : r.engine(), "-", "-", "-",
                        "-", "-", "-", "-",
                        "not run: " + r.reason()));
                continue;
            }
            MemoryStats m = r.memory();
            String perPage = o.instructions() < 0 || o.pagesCopied() <= 0 ? "-"
                    : String.format(Locale.ROOT, "%.1f", (double) o.instructions() / o.pagesCopied());
            String engine = o.engine().contains(" (") ? o.engine().substring(0, o.engine().indexOf(" (")) : o.engine();
            lines.add(columns(memory, o.arch().name(), engine, Text.count(o.stubBytes()), Text.count(o.instructions()),
                    perPage, m == null ? "-" : Text.count(m.loads), m == null ? "-" : Text.count(m.stores),
                    m == null ? "-" : Text.count(m.bytesWritten),
                    String.format(Locale.ROOT, "%.1f", o.elapsedNanos() / 1e6),
                    o.verified() ? "yes" : "NO: " + o.failure()));
        }
        return markdown ? markdown(lines) : aligned(lines);
    }

    private static String[] columns(boolean memory, String... all) {
        if (memory) {
            return all;
        }
        return new String[] {all[0], all[1], all[2], all[3], all[4], all[8], all[9]};
    }

    static String aligned(List<String[]> lines) {
        int n = lines.get(0).length;
        int[] width = new int[n];
        for (String[] l : lines) {
            for (int c = 0; c < n - 1; c++) {
                width[c] = Math.max(width[c], l[c].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] l : lines) {
            for (int c = 0; c < n; c++) {
                String cell = l[c];
                if (c == 0) {
                    b.append(cell).append(" ".repeat(width[0] - cell.length()));
                } else if (c < n - 1) {
                    b.append("  ").append(" ".repeat(width[c] - cell.length())).append(cell);
                } else {
                    b.append("  ").append(cell);
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    static String markdown(List<String[]> lines) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            b.append("| ").append(String.join(" | ", lines.get(i))).append(" |\n");
            if (i == 0) {
                int n = lines.get(0).length;
                b.append("|---|").append("---:|".repeat(n - 2)).append("---|\n");
            }
        }
        return b.toString();
    }

    /** The registers each architecture hands the new kernel, in its own names. */
    static String entryRegisters(List<ComparisonRow> rows, boolean markdown) {
        StringBuilder b = new StringBuilder(markdown ? "\n| arch | registers at entry |\n|---|---|\n"
                : "\nregisters at the new kernel's entry point:\n");
        boolean labelled = rows.stream().anyMatch(r -> r.engine() != null);
        for (ComparisonRow r : rows) {
            if (r.outcome() != null && !r.outcome().entryRegisters().isEmpty()) {
                String name = labelled ? r.arch().name() + " " + r.engineShortName() : r.arch().name();
                String regs = Text.registers(r.outcome().entryRegisters(), markdown ? Integer.MAX_VALUE : 6,
                        labelled ? "                   " : "           ");
                b.append(markdown ? String.format("| %s | %s |%n", name, regs)
                        : String.format(labelled ? "  %-16s %s%n" : "  %-8s %s%n", name, regs));
            }
        }
        return b.toString();
    }
}
