package org.kexeclab.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;

/**
 * The core module's fuzz harness (the cli module's {@code Fuzz} is not visible here): one case
 * per {@code long} seed, run on a worker thread bounded to {@link #CASE_LIMIT_SECONDS}; kept
 * failing seeds in {@code src/test/resources/reliability/NAME.seeds}; {@code scripts/fuzz NAME
 * MINUTES} sets {@value #MINUTES_PROPERTY} for a long run that prints
 * {@code RELIABILITY name cases=.. failures=.. hangs=.. slowestMs=..}.
 */
final class CoreFuzz {
    static final String MINUTES_PROPERTY = "reliability.fuzz.minutes";
    static final long CASE_LIMIT_SECONDS = 30;
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "core-fuzz-case");
        t.setDaemon(true);
        return t;
    });

    private CoreFuzz() {
    }

    /** A case that did not end within the case limit. */
    static final class Hang extends AssertionError {
        private static final long serialVersionUID = 1L;

        Hang(long seed) {
            super("case " + seed + " did not end within " + CASE_LIMIT_SECONDS + " s (a hang)");
        }
    }

    /** Runs {@code check(seed)} on a worker thread; a hang or any throwable fails here. */
    static String bounded(long seed, LongFunction<String> check) {
        Future<String> f = WORKERS.submit(() -> check.apply(seed));
        try {
            return f.get(CASE_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new Hang(seed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running case " + seed, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new AssertionError("case " + seed + " threw " + e.getCause(), e.getCause());
        }
    }

    /** Replays the kept seeds of fuzzer {@code name}. */
    static void replay(String name, LongFunction<String> check) {
        for (long s : regressionSeeds(name)) {
            bounded(s, check);
        }
    }

    /** Draws seeds for the minutes in {@value #MINUTES_PROPERTY}, keeping failures; prints the summary. */
    static void longRun(String name, LongFunction<String> check) {
        long deadline = System.nanoTime() + (long) (Double.parseDouble(System.getProperty(MINUTES_PROPERTY)) * 60e9);
        SplittableRandom seeds = new SplittableRandom(System.nanoTime());
        long cases = 0;
        long failures = 0;
        long hangs = 0;
        long slowest = 0;
        long slowestSeed = 0;
        Map<String, Long> outcomes = new TreeMap<>();
        Path current = Path.of("target", "reliability-" + name + ".current");
        while (System.nanoTime() < deadline) {
            long seed = seeds.nextLong();
            journal(current, seed);
            long t0 = System.nanoTime();
            try {
                outcomes.merge(bounded(seed, check), 1L, Long::sum);
            } catch (Hang h) {
                hangs++;
                keep(name, seed, h.getMessage());
            } catch (Throwable t) {
                failures++;
                keep(name, seed, String.valueOf(t.getMessage()).lines().findFirst().orElse(""));
            }
            long dt = System.nanoTime() - t0;
            if (dt > slowest) {
                slowest = dt;
                slowestSeed = seed;
            }
            cases++;
        }
        System.out.printf("RELIABILITY %s cases=%d failures=%d hangs=%d slowestMs=%.1f slowestSeed=%d outcomes=%s%n",
                name, cases, failures, hangs, slowest / 1e6, slowestSeed, outcomes);
    }

    /**
     * Writes the seed about to run to {@code file}: when a native engine kills the JVM, the file
     * names the case that did it (a dead process keeps no seed file).
     */
    private static void journal(Path file, long seed) {
        try {
            Files.writeString(file, seed + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails unless {@code m} is one sentence: non-blank, one line, no exception class name, not huge. */
    static void oneSentence(Object context, String m) {
        if (m == null || m.isBlank() || m.contains("\n") || m.contains("Exception") || m.contains("null")
                || m.length() > 600) {
            throw new AssertionError(context + ": not one sentence: <" + m + ">");
        }
    }

    /** Bytes this thread has allocated so far. */
    static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    static List<Long> regressionSeeds(String name) {
        List<Long> out = new ArrayList<>();
        try (InputStream in = CoreFuzz.class.getResourceAsStream("/reliability/" + name + ".seeds")) {
            if (in != null) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                        .forEach(l -> out.add(Long.parseLong(l.split("\\s+")[0])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void keep(String name, long seed, String why) {
        Path file = Path.of("src/test/resources/reliability", name + ".seeds");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, seed + " # " + why.replace('\n', ' ') + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
