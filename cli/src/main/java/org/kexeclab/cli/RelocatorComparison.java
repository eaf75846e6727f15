package org.kexeclab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.image.DestinationDigest;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.kernelcode.KernelCodeKexec;

/**
 * {@code compare --relocate-with kernel,stub}: the same image relocated by each relocator on the
 * same engine, side by side: code bytes, instructions, instructions per page, loads, stores,
 * bytes written (counted on a second, hooked run), the SHA-256 of every destination byte, and
 * whether each run was verified; then each one's entry registers, the registers on which they
 * differ, and why the kernel's code differs from the stub by design.
 */
final class RelocatorComparison {
    /** How one relocator's image is loaded (the same image for each, loaded for its machine). */
    interface Loader {
        LoadedImage load(MachineKexec machine) throws KexecLoadException;
    }

    /**
     * One relocator's runs.
     *
     * @param label   what {@code --relocate-with} named ({@code kernel}, {@code stub})
     * @param machine the machine that ran it
     * @param outcome the verified run
     * @param memory  loads and stores of the counted run
     * @param digest  SHA-256 of the destination memory after the verified run
     */
    record Row(String label, MachineKexec machine, KexecOutcome outcome, MemoryStats memory, String digest) {
    }

    private RelocatorComparison() {
    }

    /** Runs {@code machine} twice on the image {@code loader} gives it: once verified, once counting loads and stores. */
    @SuppressWarnings("try") // the bar and the counters are resources for their close(), which detaches them
    static Row run(String label, MachineKexec machine, Loader loader, KexecOptions options, CpuEngine engine,
                   StatusLine progress) throws KexecLoadException {
        KexecOutcome outcome;
        String digest;
        LoadedImage loaded = Relocators.refuseUnfit(machine, loader.load(machine));
        try (KexecRun run = KexecRun.prepare(machine, loaded, options, engine);
             ProgressBar bar = ProgressBar.attach(run, machine.arch(), progress, label + ": relocating on")) {
            outcome = run.execute();
            digest = DestinationDigest.of(loaded, run.cpu());
        }
        MemoryStats stats = new MemoryStats();
        try (KexecRun run = KexecRun.prepare(machine, loader.load(machine), options, engine);
             ProgressBar bar = ProgressBar.attach(run, machine.arch(), progress, label + ": counting loads and stores on");
             MemoryStats.Attached counting = stats.attach(run)) {
            run.execute();
        }
        return new Row(label, machine, outcome, stats, digest);
    }

    /** True when every run was verified and all left the same destination memory. */
    static boolean agree(List<Row> rows) {
        return rows.stream().allMatch(r -> r.outcome().verified())
                && rows.stream().map(Row::digest).distinct().count() == 1;
    }

    /** The table, the destination verdict, the entry registers, their differences and the reasons. */
    static String text(List<Row> rows, boolean markdown) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"relocate with", "code", "code bytes", "instructions", "instr/page", "loads", "stores",
            "bytes written", "engine ms", "destinations SHA-256", "verified"});
        for (Row r : rows) {
            KexecOutcome o = r.outcome();
            String perPage = o.instructions() < 0 || o.pagesCopied() <= 0 ? "-"
                    : String.format(Locale.ROOT, "%.1f", (double) o.instructions() / o.pagesCopied());
            lines.add(new String[] {r.label(), r.machine().stubName(), Text.count(o.stubBytes()),
                Text.count(o.instructions()), perPage, Text.count(r.memory().loads), Text.count(r.memory().stores),
                Text.count(r.memory().bytesWritten), String.format(Locale.ROOT, "%.1f", o.elapsedNanos() / 1e6),
                r.digest().substring(0, 16), o.verified() ? "yes" : "NO: " + o.failure()});
        }
        StringBuilder b = new StringBuilder(markdown ? ComparisonRow.markdown(lines) : ComparisonRow.aligned(lines));
        b.append('\n').append(digestVerdict(rows)).append('\n');
        b.append(markdown ? "\n| relocate with | registers at entry |\n|---|---|\n" : "\nregisters at the new kernel's entry point:\n");
        for (Row r : rows) {
            String regs = Text.registers(r.outcome().entryRegisters(), markdown ? Integer.MAX_VALUE : 6, "          ");
            b.append(markdown ? String.format("| %s | %s |%n", r.label(), regs) : String.format("  %-7s %s%n", r.label(), regs));
        }
        List<String> differ = registerDifferences(rows);
        b.append(differ.isEmpty() ? "\nentry registers: identical\n"
                : "\nentry registers differ: " + String.join(", ", differ) + "\n");
        for (Row r : rows) {
            if (r.machine() instanceof KernelCodeKexec k) {
                b.append("\nwhy ").append(k.code().code().name()).append(" differs from the stub (")
                        .append(k.describe()).append("):\n");
                k.differencesFromStub().forEach(d -> b.append("  - ").append(d).append('\n'));
            }
        }
        return b.toString();
    }

    /** The rows as a JSON array: each outcome with its relocator, loads, stores and destination digest. */
    static ArrayNode json(List<Row> rows) {
        ArrayNode arr = OutcomeJson.MAPPER.createArrayNode();
        for (Row r : rows) {
            ObjectNode n = OutcomeJson.of(r.outcome());
            n.put("relocateWith", r.label());
            n.put("code", r.machine().stubName());
            n.put("loads", r.memory().loads);
            n.put("stores", r.memory().stores);
            n.put("bytesWritten", r.memory().bytesWritten);
            n.put("destinationsSha256", r.digest());
            if (r.machine() instanceof KernelCodeKexec k) {
                ArrayNode d = n.putArray("differencesFromStub");
                k.differencesFromStub().forEach(d::add);
            }
            arr.add(n);
        }
        return arr;
    }

    private static String digestVerdict(List<Row> rows) {
        if (rows.stream().map(Row::digest).distinct().count() == 1) {
            return "destination memory: identical (SHA-256 " + rows.get(0).digest() + ")";
        }
        StringBuilder b = new StringBuilder("destination memory: DIFFERENT:");
        rows.forEach(r -> b.append(' ').append(r.label()).append(' ').append(r.digest()));
        return b.toString();
    }

    /** "rflags (kernel 0x46, stub 0x2)" for each register whose value at entry is not the same in every row. */
    static List<String> registerDifferences(List<Row> rows) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Row r : rows) {
            r.outcome().entryRegisters().forEach((reg, v) ->
                    values.computeIfAbsent(reg, k -> new ArrayList<>()).add(r.label() + " 0x" + Long.toHexString(v)));
        }
        List<String> out = new ArrayList<>();
        values.forEach((reg, vs) -> {
            long distinct = vs.stream().map(s -> s.substring(s.indexOf(' ') + 1)).distinct().count();
            if (distinct > 1 || vs.size() != rows.size()) {
                out.add(reg + " (" + String.join(", ", vs) + ")");
            }
        });
        return out;
    }
}
