package org.kexeclab.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The derived figures for one target and image size: RelocateBench's relocate minus its restore
 * (the relocation alone), throughput and time per page from that, the same for the C harness
 * (NativeBaseline) and the host's copy of the same bytes (HostCopyBaseline).
 *
 * @param target       {@code engine:arch}
 * @param pages        4 KiB pages relocated
 * @param relocateNanos restore + relocation, ns/op (NaN if not measured)
 * @param restoreNanos restore alone, ns/op (NaN if not measured)
 * @param cNetNanos    the C harness's relocation alone, ns/op (NaN if not measured)
 * @param hostNanos    the JVM's copy of the same bytes, ns/op (NaN if not measured)
 */
public record RelocationRow(String target, int pages, double relocateNanos, double restoreNanos, double cNetNanos,
                            double hostNanos) {
    private static final double PAGE = 4096;

    /** The relocation alone: relocate minus restore (restore counted as 0 if not measured). */
    public double netNanos() {
        return relocateNanos - (Double.isNaN(restoreNanos) ? 0 : restoreNanos);
    }

    /** Relocation throughput, MB/s (10^6 bytes). */
    public double megabytesPerSecond() {
        return mbps(netNanos());
    }

    /** Relocation time per page, ns. */
    public double nanosPerPage() {
        return netNanos() / pages;
    }

    /** The C harness's throughput, MB/s. */
    public double cMegabytesPerSecond() {
        return mbps(cNetNanos);
    }

    /** The host copy's throughput, MB/s. */
    public double hostMegabytesPerSecond() {
        return mbps(hostNanos);
    }

    /** Java relocation time over C's (1.0 = no binding overhead). */
    public double bindingRatio() {
        return netNanos() / cNetNanos;
    }

    private double mbps(double nanos) {
        return pages * PAGE / nanos * 1e3;
    }

    /** One row per (target, pages) that RelocateBench measured: targets in run order, pages ascending. */
    public static List<RelocationRow> from(List<JmhResult> results) {
        Map<String, TreeSet<Integer>> keys = new LinkedHashMap<>();
        for (JmhResult r : results) {
            if (r.suite().equals("RelocateBench") && r.method().equals("relocate")) {
                keys.computeIfAbsent(r.param("target"), k -> new TreeSet<>()).add(r.intParam("pages"));
            }
        }
        List<RelocationRow> rows = new ArrayList<>();
        for (Map.Entry<String, TreeSet<Integer>> e : keys.entrySet()) {
            String target = e.getKey();
            for (int pages : e.getValue()) {
                double cNet = score(results, "NativeBaseline", "relocate", target, pages)
                        - orZero(score(results, "NativeBaseline", "restore", target, pages));
                rows.add(new RelocationRow(target, pages, score(results, "RelocateBench", "relocate", target, pages),
                        score(results, "RelocateBench", "restore", target, pages), cNet,
                        score(results, "HostCopyBaseline", "copyPages", null, pages)));
            }
        }
        return rows;
    }

    private static double orZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    /** The score of suite.method at these params (target null = any), NaN if absent. */
    static double score(List<JmhResult> results, String suite, String method, String target, int pages) {
        Optional<JmhResult> r = results.stream()
                .filter(x -> x.suite().equals(suite) && x.method().equals(method))
                .filter(x -> target == null || x.param("target").equals(target))
                .filter(x -> pages < 0 || x.intParam("pages") == pages)
                .findFirst();
        return r.map(JmhResult::nanos).orElse(Double.NaN);
    }
}
