package org.kexeclab.bench;

import java.util.ArrayList;
import java.util.List;
import org.kexeclab.arch.Arches;

/**
 * The benchmarks jar's entry point: JMH's own ({@code org.openjdk.jmh.Main}), given the values
 * of the suites' architecture parameters when the command line does not set them. No suite
 * names an architecture in its {@code @Param}s; they come from the registry here:
 * <ul>
 * <li>{@code -p target=}: one {@code engine:arch} per architecture, on the engine it runs on by
 *     default ({@link BenchTarget#defaults()}); the Unicorn targets alone
 *     ({@link BenchTarget#runnable}) when every suite named is one that drives libunicorn itself
 *     ({@link #UNICORN_ONLY});</li>
 * <li>{@code -p arch=}: every registered architecture.</li>
 * </ul>
 * {@code scripts/bench} passes its own lists, computed the same way ({@link BenchTarget#main}).
 */
public final class BenchMain {
    /** Suites that run only on Unicorn (the C harness, the raw JNA mapping). */
    static final List<String> UNICORN_ONLY = List.of("NativeBaseline", "NaiveRegisterBenchmark");

    private BenchMain() {
    }

    /** Runs JMH with {@code args} and the default architecture parameters. */
    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(withDefaults(args));
    }

    /** {@code args} with {@code -p target=...} and {@code -p arch=...} added where they are not set. */
    static String[] withDefaults(String[] args) {
        List<String> out = new ArrayList<>(List.of(args));
        if (!setsParam(args, "target")) {
            List<String> targets = unicornOnly(args) ? BenchTarget.runnable("unicorn") : BenchTarget.defaults();
            if (!targets.isEmpty()) {
                out.add("-p");
                out.add("target=" + String.join(",", targets));
            }
        }
        if (!setsParam(args, "arch") && !Arches.names().isEmpty()) {
            out.add("-p");
            out.add("arch=" + String.join(",", Arches.names()));
        }
        return out.toArray(String[]::new);
    }

    private static boolean setsParam(String[] args, String name) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("-p" + name + "=")
                    || args[i].equals("-p") && i + 1 < args.length && args[i + 1].startsWith(name + "=")) {
                return true;
            }
        }
        return false;
    }

    /** True if the suites named on the command line (its arguments that are no option) all run only on Unicorn. */
    private static boolean unicornOnly(String[] args) {
        List<String> suites = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("-")) {
                i += args[i].length() == 2 && i + 1 < args.length ? 1 : 0;
            } else {
                suites.add(args[i]);
            }
        }
        return !suites.isEmpty() && suites.stream().allMatch(s -> UNICORN_ONLY.stream().anyMatch(s::contains));
    }
}
