package org.kexeclab.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * No package cycle among kexec-lab's packages, as the JDK's {@code jdeps} sees the compiled
 * classes of every module (its {@code -verbose:package} dependencies, cycles found as strongly
 * connected components). This module is the reactor's last, so every module's classes are
 * built when it runs; a build of some modules only skips the check.
 */
class PackageCycleTest {
    private static final Pattern EDGE = Pattern.compile("^\\s+(org\\.kexeclab[\\w.]*)\\s+->\\s+(org\\.kexeclab[\\w.]*)\\s");
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    /** Every module's {@code target/classes}, from the parent pom's module list. */
    private static List<Path> classDirectories(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        Matcher m = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
        while (m.find()) {
            Path module = root.resolve(m.group(1));
            if (Files.isDirectory(module.resolve("src/main/java"))) {
                Path classes = module.resolve("target/classes");
                assumeTrue(Files.isDirectory(classes), "module " + m.group(1) + " is not built (a partial build)");
                out.add(classes);
            }
        }
        return out;
    }

    /** The package dependency graph jdeps reports for {@code dirs}: package -> packages it uses. */
    static Map<String, Set<String>> packageGraph(List<Path> dirs) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
        List<String> args = new ArrayList<>(List.of("-verbose:package", "-filter:none", "-cp",
                String.join(java.io.File.pathSeparator, dirs.stream().map(Path::toString).toList())));
        dirs.forEach(d -> args.add(d.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        assertEquals(0, status, "jdeps failed: " + err);
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : out.toString().split("\\R")) {
            Matcher e = EDGE.matcher(line);
            if (e.find() && !e.group(1).equals(e.group(2))) {
                graph.computeIfAbsent(e.group(1), k -> new TreeSet<>()).add(e.group(2));
                graph.computeIfAbsent(e.group(2), k -> new TreeSet<>());
            }
        }
        return graph;
    }

    /** The cycles of {@code graph}: its strongly connected components of more than one package (Tarjan). */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                strongConnect(v, graph, index, low, stack, onStack, out, counter);
            }
        }
        return out;
    }

    private static void strongConnect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
                                      Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                      List<Set<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                strongConnect(w, graph, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                out.add(component);
            }
        }
    }

    @Test
    void cycles_aGraphWithOneCycle_findsExactlyIt() {
        Map<String, Set<String>> g = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"),
                "d", Set.of()));
        assertEquals(List.of(Set.of("a", "b", "c")), cycles(g));
    }

    @Test
    void jdeps_everyModulesClasses_noPackageCycle() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> dirs = classDirectories(root);
        Map<String, Set<String>> graph = packageGraph(dirs);
        assertTrue(graph.size() > 30, "jdeps reported only " + graph.size() + " packages in " + dirs);
        assertEquals(List.of(), cycles(graph), "package cycles");
    }
}
