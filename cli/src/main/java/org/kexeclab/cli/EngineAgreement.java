package org.kexeclab.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import org.kexeclab.Arch;
import org.kexeclab.kexec.KexecOutcome;

/**
 * Whether the engines that ran one architecture in {@code compare --engines} agree: the same
 * image and seed must give the same instruction count, pages copied, loads, stores, bytes
 * written, verdict and entry registers on every engine (only the time may differ). A difference
 * is an engine defect, so it is named field by field with each engine's value.
 *
 * @param arch        the architecture
 * @param ran         short names of the engines that ran it, in the order asked
 * @param skipped     short names of the engines that could not run it
 * @param differences one phrase per differing field, e.g. {@code instructions: unicorn 2,751, java 2,750}
 */
record EngineAgreement(Arch arch, List<String> ran, List<String> skipped, List<String> differences) {
    /** The fields compared, in the order reported. */
    static final String COMPARED = "instructions, pages copied, loads, stores, bytes written, verified, entry registers";

    /** One agreement per architecture of {@code rows} (rows of one architecture are compared together). */
    static List<EngineAgreement> of(List<ComparisonRow> rows) {
        Map<Arch, List<ComparisonRow>> byArch = new LinkedHashMap<>();
        for (ComparisonRow r : rows) {
            byArch.computeIfAbsent(r.arch(), a -> new ArrayList<>()).add(r);
        }
        List<EngineAgreement> out = new ArrayList<>();
        byArch.forEach((arch, mine) -> out.add(ofArch(arch, mine)));
        return out;
    }

    private static EngineAgreement ofArch(Arch arch, List<ComparisonRow> rows) {
        List<ComparisonRow> ran = rows.stream().filter(r -> r.outcome() != null).toList();
        List<String> skipped = rows.stream().filter(r -> r.outcome() == null).map(ComparisonRow::engineShortName).toList();
        List<String> diffs = new ArrayList<>();
        compare(diffs, ran, "instructions", r -> Text.count(r.outcome().instructions()));
        compare(diffs, ran, "pages copied", r -> Text.count(r.outcome().pagesCopied()));
        compare(diffs, ran, "loads", r -> r.memory() == null ? "-" : Text.count(r.memory().loads));
        compare(diffs, ran, "stores", r -> r.memory() == null ? "-" : Text.count(r.memory().stores));
        compare(diffs, ran, "bytes written", r -> r.memory() == null ? "-" : Text.count(r.memory().bytesWritten));
        compare(diffs, ran, "verified", r -> r.outcome().verified() ? "yes" : "no");
        TreeSet<String> registers = new TreeSet<>();
        ran.forEach(r -> registers.addAll(r.outcome().entryRegisters().keySet()));
        for (String reg : registers) {
            compare(diffs, ran, reg, r -> register(r.outcome(), reg));
        }
        return new EngineAgreement(arch, ran.stream().map(ComparisonRow::engineShortName).toList(), skipped, diffs);
    }

    private static String register(KexecOutcome o, String name) {
        Long v = o.entryRegisters().get(name);
        return v == null ? "absent" : Text.hex(v);
    }

    private static void compare(List<String> diffs, List<ComparisonRow> rows, String field,
                                Function<ComparisonRow, String> value) {
        if (rows.stream().map(value).distinct().count() <= 1) {
            return;
        }
        List<String> each = new ArrayList<>();
        for (ComparisonRow r : rows) {
            each.add(r.engineShortName() + " " + value.apply(r));
        }
        diffs.add(field + ": " + String.join(", ", each));
    }

    /** True if at least two engines ran the architecture, so there was something to compare. */
    boolean compared() {
        return ran.size() >= 2;
    }

    /** True if the engines that ran agree on every compared field (trivially true for one engine). */
    boolean agree() {
        return differences.isEmpty();
    }

    /** One line: {@code unicorn = java}, {@code DIFFER: ...}, or which engine ran alone and why. */
    String verdict() {
        String skippedNote = skipped.isEmpty() ? "" : " (not run on " + String.join(", ", skipped) + ")";
        if (ran.isEmpty()) {
            return "not run on any engine" + skippedNote;
        }
        if (!compared()) {
            return ran.get(0) + " only, nothing to compare" + skippedNote;
        }
        return agree() ? String.join(" = ", ran) + skippedNote
                : "DIFFER: " + String.join("; ", differences) + skippedNote;
    }

    /** The section printed after the table: one verdict line per architecture. */
    static String section(List<EngineAgreement> all, boolean markdown) {
        StringBuilder b = new StringBuilder(markdown
                ? "\n| arch | engines agree on " + COMPARED + " |\n|---|---|\n"
                : "\nengines side by side (" + COMPARED + " must agree):\n");
        for (EngineAgreement a : all) {
            b.append(markdown ? String.format("| %s | %s |%n", a.arch().name(), a.verdict())
                    : String.format("  %-8s %s%n", a.arch().name(), a.verdict()));
        }
        return b.toString();
    }

    /** The agreement of {@code arch} among {@code all}. */
    static EngineAgreement find(List<EngineAgreement> all, Arch arch) {
        return all.stream().filter(a -> Objects.equals(a.arch(), arch)).findFirst().orElseThrow();
    }
}
