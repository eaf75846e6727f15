package org.kexeclab.bench;

import java.util.List;
import java.util.Locale;

/**
 * The report's trace-overhead table ({@link TraceOverheadBench}): per target and hook the time
 * per operation, per executed instruction, the hook's cost per instruction ({@code none}'s time
 * per instruction subtracted) and the verdict against the tracing targets: at most
 * {@value #JAVA_TARGET_NS} ns per instruction on the Java engine (any hook, the real tracer
 * included), {@value #UNICORN_CODE_NS} ns for a Unicorn code hook and {@value #UNICORN_BLOCK_NS} ns
 * for a Unicorn block hook (the Unicorn tracer has no target: it reads registers over JNA).
 */
final class TraceOverheadTable {
    /** Java engine: most hook cost per instruction, ns. */
    static final int JAVA_TARGET_NS = 100;
    /** Unicorn code hook: most cost per instruction, ns. */
    static final int UNICORN_CODE_NS = 1000;
    /** Unicorn block hook: most cost per instruction, ns. */
    static final int UNICORN_BLOCK_NS = 300;

    private TraceOverheadTable() {
    }

    /** Appends the table (nothing if {@code rows} is empty). */
    static void append(StringBuilder b, List<JmhResult> rows) {
        if (rows.isEmpty()) {
            return;
        }
        b.append("## Trace overhead (TraceOverheadBench: raw Cpu hooks over the stub counting callbacks; "
                        + "tracer = the real Tracer into a sink that formats nothing)\n\n")
                .append("| target | pages | hook | time/op | ns per instruction | hook cost per instruction "
                        + "| target 0.1 us (java) / 1 us code, 0.3 us block (unicorn) |\n")
                .append("|---|---:|---|---:|---:|---:|---|\n");
        for (JmhResult r : rows) {
            double perInsn = perInstruction(r);
            double none = rows.stream().filter(x -> x.param("target").equals(r.param("target"))
                            && x.param("pages").equals(r.param("pages")) && x.param("hook").equals("none"))
                    .mapToDouble(TraceOverheadTable::perInstruction).findFirst().orElse(Double.NaN);
            boolean base = r.param("hook").equals("none");
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", r.param("target"),
                    r.param("pages"), r.param("hook"), BenchReport.time(r.nanos()), BenchReport.num(perInsn),
                    base ? "-" : BenchReport.num(perInsn - none) + " ns",
                    base ? "-" : verdict(r.param("target"), r.param("hook"), perInsn - none)));
        }
        b.append("\nThe Java engine runs a repeated string instruction (a `rep`-prefixed move or store) in one step "
                + "(Unicorn counts one instruction per iteration), so the per-instruction figures of a java target whose "
                + "stub repeats one divide by fewer, bigger instructions.\n\n");
    }

    private static double perInstruction(JmhResult r) {
        return r.secondaryNanos().getOrDefault("instructions", Double.NaN);
    }

    /** "ok" or "OVER" against the target of this engine and hook, with the limit; "-" if none applies. */
    static String verdict(String target, String hook, double costNanos) {
        int limit = limit(target, hook);
        if (limit < 0 || Double.isNaN(costNanos)) {
            return "-";
        }
        return (costNanos <= limit ? "ok" : "OVER") + " (<= " + (limit >= 1000 ? limit / 1000 + " us" : limit + " ns") + ")";
    }

    private static int limit(String target, String hook) {
        if (target.startsWith("java:")) {
            return JAVA_TARGET_NS;
        }
        if (target.startsWith("unicorn:")) {
            return switch (hook) {
                case "code" -> UNICORN_CODE_NS;
                case "block" -> UNICORN_BLOCK_NS;
                default -> -1;
            };
        }
        return -1;
    }
}
