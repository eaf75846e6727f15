package org.kexeclab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns JMH's JSON into the report: {@code results.md} (one table per suite, with the derived
 * figures: relocation alone, MB/s, ns per page, Java/C ratio, hook cost per instruction with its
 * verdict, see {@link TraceOverheadTable}) and
 * {@code throughput.svg} (relocation MB/s per target and page count, the C harness dashed, the
 * host copy grey). Usage: {@code java -cp benchmarks.jar org.kexeclab.bench.BenchReport
 * OUTDIR [--header FILE] RESULT.json...}.
 */
public final class BenchReport {
    private final List<JmhResult> results;

    /** A report over these results. */
    public BenchReport(List<JmhResult> results) {
        this.results = List.copyOf(results);
    }

    /**
     * Usage: {@code BenchReport OUTDIR [--header FILE] RESULT.json...}: merges the JMH result files
     * into {@code OUTDIR/jmh-results.json} and writes {@code results.md} (the header file's text,
     * then the tables) and {@code throughput.svg}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: BenchReport OUTDIR [--header FILE] RESULT.json...");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        String header = "";
        List<Path> inputs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--header") && i + 1 < args.length) {
                header = Files.readString(Path.of(args[++i])).strip() + "\n\n";
            } else {
                inputs.add(Path.of(args[i]));
            }
        }
        List<JmhResult> all = new ArrayList<>();
        for (Path p : inputs) {
            all.addAll(JmhResult.read(p));
        }
        JmhResult.merge(inputs, dir.resolve("jmh-results.json"));
        BenchReport report = new BenchReport(all);
        Files.writeString(dir.resolve("results.md"), header + report.markdown(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("throughput.svg"), report.chart(), StandardCharsets.UTF_8);
        System.out.println("wrote " + dir.resolve("jmh-results.json") + ", results.md and throughput.svg");
    }

    /** All tables, Markdown. */
    public String markdown() {
        StringBuilder b = new StringBuilder();
        relocation(b);
        jump(b);
        trace(b);
        others(b);
        return b.toString();
    }

    private void relocation(StringBuilder b) {
        List<RelocationRow> rows = RelocationRow.from(results);
        if (rows.isEmpty()) {
            return;
        }
        b.append("## Relocation (RelocateBench; relocation = relocate - restore)\n\n")
                .append("| target | pages | relocate | restore | relocation | ns/page | MB/s | C relocation | C MB/s | Java/C | host copy MB/s |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RelocationRow r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", r.target(), r.pages(),
                    time(r.relocateNanos()), time(r.restoreNanos()), time(r.netNanos()), num(r.nanosPerPage()),
                    num(r.megabytesPerSecond()), time(r.cNetNanos()), num(r.cMegabytesPerSecond()),
                    ratio(r.bindingRatio()), num(r.hostMegabytesPerSecond())));
        }
        b.append('\n');
    }

    private void jump(StringBuilder b) {
        Set<String> targets = targets("JumpBench");
        if (targets.isEmpty()) {
            return;
        }
        b.append("## Handoff alone (JumpBench: crash image, head = DONE)\n\n")
                .append("| target | jump (with restore) | restore | handoff |\n|---|---:|---:|---:|\n");
        for (String t : targets) {
            double jump = RelocationRow.score(results, "JumpBench", "jump", t, -1);
            double restore = RelocationRow.score(results, "JumpBench", "restore", t, -1);
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", t, time(jump), time(restore), time(jump - restore)));
        }
        b.append('\n');
    }

    private void trace(StringBuilder b) {
        TraceOverheadTable.append(b, of("TraceOverheadBench"));
    }

    /** Every other suite: one generic table each. */
    private void others(StringBuilder b) {
        Set<String> shown = Set.of("RelocateBench", "NativeBaseline", "JumpBench", "TraceOverheadBench");
        Set<String> suites = results.stream().map(JmhResult::suite).filter(s -> !shown.contains(s))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        for (String suite : suites) {
            b.append("## ").append(suite).append("\n\n| benchmark | params | score | error |\n|---|---|---:|---:|\n");
            for (JmhResult r : of(suite)) {
                String params = r.params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "));
                b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", r.method(), params, time(r.nanos()),
                        Double.isNaN(r.errorNanos()) ? "-" : "± " + time(r.errorNanos())));
            }
            b.append('\n');
        }
    }

    /** The chart: relocation MB/s against pages, per target, with the C and host baselines. */
    public String chart() {
        SvgChart c = new SvgChart("Relocation throughput (restore subtracted)", "pages (4 KiB)", "MB/s (log)");
        List<RelocationRow> rows = RelocationRow.from(results);
        List<String> targets = rows.stream().map(RelocationRow::target).distinct().toList();
        for (int i = 0; i < targets.size(); i++) {
            String t = targets.get(i);
            List<RelocationRow> mine = rows.stream().filter(r -> r.target().equals(t)).toList();
            double[] xs = mine.stream().mapToDouble(RelocationRow::pages).toArray();
            c.add(new SvgChart.Series(t, i, null, xs, mine.stream().mapToDouble(RelocationRow::megabytesPerSecond).toArray()));
            double[] cy = mine.stream().mapToDouble(RelocationRow::cMegabytesPerSecond).toArray();
            if (java.util.Arrays.stream(cy).anyMatch(v -> !Double.isNaN(v))) {
                c.add(new SvgChart.Series(t + " (C harness)", i, "6,4", xs, cy));
            }
        }
        List<JmhResult> host = of("HostCopyBaseline");
        if (!host.isEmpty()) {
            c.add(new SvgChart.Series("host copy (JVM arraycopy)", -1, "2,3",
                    host.stream().mapToDouble(r -> r.intParam("pages")).toArray(),
                    host.stream().mapToDouble(r -> r.intParam("pages") * 4096.0 / r.nanos() * 1e3).toArray()));
        }
        return c.render();
    }

    private List<JmhResult> of(String suite) {
        List<JmhResult> out = new ArrayList<>();
        for (JmhResult r : results) {
            if (r.suite().equals(suite)) {
                out.add(r);
            }
        }
        return out;
    }

    private Set<String> targets(String suite) {
        return of(suite).stream().map(r -> r.param("target")).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** A time with a unit that keeps 3-4 significant digits; "-" for NaN. */
    static String time(double nanos) {
        if (Double.isNaN(nanos)) {
            return "-";
        }
        double a = Math.abs(nanos);
        if (a >= 1e9) {
            return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
        }
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        if (a >= 1e3) {
            return String.format(Locale.ROOT, "%.2f us", nanos / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f ns", nanos);
    }

    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "-";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String ratio(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
