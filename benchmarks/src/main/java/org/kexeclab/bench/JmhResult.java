package org.kexeclab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of JMH's JSON output ({@code -rf json}), scores converted to nanoseconds per operation.
 *
 * @param suite     the benchmark class's simple name, e.g. {@code RelocateBench}
 * @param method    the benchmark method, e.g. {@code relocate}
 * @param params    the {@code @Param} values
 * @param nanos     the primary score in ns/op
 * @param errorNanos JMH's 99.9% error in ns/op (NaN if JMH gave none)
 * @param secondaryNanos secondary scores (auxiliary counters) in ns per counted unit
 */
public record JmhResult(String suite, String method, Map<String, String> params, double nanos, double errorNanos,
                        Map<String, Double> secondaryNanos) {

    /** The parameter's value, or {@code ""}. */
    public String param(String name) {
        return params.getOrDefault(name, "");
    }

    /** The parameter as an int, or -1. */
    public int intParam(String name) {
        String v = params.get(name);
        return v == null ? -1 : Integer.parseInt(v);
    }

    /**
     * Reads a JMH JSON result file.
     *
     * @throws IOException if it cannot be read or is not a JMH result array
     */
    public static List<JmhResult> read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (root == null || !root.isArray()) {
            throw new IOException(file + " is not JMH JSON output (expected an array of results; run JMH with -rf json)");
        }
        List<JmhResult> out = new ArrayList<>();
        for (JsonNode n : root) {
            out.add(of(n));
        }
        return out;
    }

    /** Concatenates JMH result arrays into one JSON array file. */
    public static void merge(List<Path> inputs, Path out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ArrayNode all = json.createArrayNode();
        for (Path p : inputs) {
            json.readTree(p.toFile()).forEach(all::add);
        }
        json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), all);
    }

    private static JmhResult of(JsonNode n) throws IOException {
        String benchmark = n.path("benchmark").asText("");
        String[] parts = benchmark.split("\\.");
        if (parts.length < 2 || !n.has("primaryMetric")) {
            throw new IOException("JMH result without benchmark name or primaryMetric: " + benchmark);
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.path("params").properties()) {
            params.put(e.getKey(), e.getValue().asText());
        }
        JsonNode pm = n.get("primaryMetric");
        String unit = pm.path("scoreUnit").asText();
        Map<String, Double> secondary = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.path("secondaryMetrics").properties()) {
            secondary.put(e.getKey(), e.getValue().path("score").asDouble() * toNanos(e.getValue().path("scoreUnit").asText()));
        }
        double err = pm.path("scoreError").isNumber() ? pm.get("scoreError").asDouble() * toNanos(unit) : Double.NaN;
        return new JmhResult(parts[parts.length - 2], parts[parts.length - 1], params,
                pm.path("score").asDouble() * toNanos(unit), err, secondary);
    }

    /** Nanoseconds per unit of a JMH average-time unit ({@code ns/op}, {@code us/op}, {@code ms/op}, {@code s/op}). */
    static double toNanos(String unit) throws IOException {
        return switch (unit.split("/")[0]) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            default -> throw new IOException("unit " + unit + " is not a time per operation: run JMH in average-time mode");
        };
    }
}
