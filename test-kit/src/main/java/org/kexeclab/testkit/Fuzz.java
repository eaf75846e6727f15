package org.kexeclab.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;

/**
 * The fuzzers' shared harness. Every fuzz case is generated from one {@code long} seed, so a
 * failing case is kept as its seed: {@code src/test/resources/reliability/NAME.seeds} (one
 * seed per line, {@code #} comments) is replayed by every CI run.
 *
 * <p>CI runs each fuzzer through a jqwik property with a small try count. {@code scripts/fuzz
 * NAME MINUTES} sets {@value #MINUTES_PROPERTY}; then {@link #longRun} draws seeds until the
 * time is up, appends failing seeds to the seed file, prints a summary line
 * ({@code RELIABILITY name cases=.. failures=.. hangs=.. slowestMs=.. slowestSeed=..}) and
 * fails, listing the failing seeds, when any case failed or hung.
 *
 * <p>One harness for every fuzzer of every module: it lives in the test kit.
 */
public final class Fuzz {
    /** System property: minutes of a long run (absent: no long run). */
    public static final String MINUTES_PROPERTY = "reliability.fuzz.minutes";
    /** Wall-clock bound of one case before it counts as a hang. */
    public static final Duration CASE_LIMIT = Duration.ofSeconds(30);

    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-case");
        t.setDaemon(true);
        return t;
    });

    private Fuzz() {
    }

    /** A case that did not end within {@link #CASE_LIMIT}. */
    public static final class HangException extends AssertionError {
        private static final long serialVersionUID = 1L;

        HangException(long seed) {
            super("case " + seed + " did not end within " + CASE_LIMIT + " (a hang)");
        }
    }

    /**
     * Runs {@code check(seed)} on a worker thread and returns its result (a label of the
     * outcome, for jqwik's statistics); a hang or any throwable is rethrown here.
     */
    public static String bounded(long seed, LongFunction<String> check) {
        Future<String> f = WORKERS.submit(() -> check.apply(seed));
        try {
            return f.get(CASE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new HangException(seed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running case " + seed, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error err) {
                throw err;
            }
            throw new AssertionError("case " + seed + " threw " + cause, cause);
        }
    }

    /**
     * Fails unless {@code message} is one sentence a user can act on: non-empty, one line,
     * no "null", no Java class name or stack frame.
     */
    public static void assertOneSentence(String message, Object context) {
        if (message == null || message.isBlank() || message.contains("\n") || message.contains("null")
                || message.contains("Exception") || message.contains("\tat ") || message.length() > 600) {
            throw new AssertionError("not one sentence a user can act on: <" + message + "> for " + context);
        }
    }

    /**
     * Fails unless {@code message} is one sentence, optionally followed by indented detail
     * lines (the oracle's hex dump of a differing destination).
     */
    public static void assertSentenceWithDetail(String message, Object context) {
        String[] lines = message == null ? new String[] {null} : message.split("\n");
        assertOneSentence(lines[0], context);
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].startsWith(" ")) {
                throw new AssertionError("detail line " + i + " is not indented: <" + message + "> for " + context);
            }
        }
    }

    /** A generator seeded by a case's seed. */
    public static SplittableRandom random(long seed) {
        return new SplittableRandom(seed);
    }

    /** Seeds kept from earlier failures of fuzzer {@code name} (empty if none). */
    public static List<Long> regressionSeeds(String name) {
        List<Long> out = new ArrayList<>();
        try (InputStream in = Fuzz.class.getResourceAsStream("/reliability/" + name + ".seeds")) {
            if (in == null) {
                return out;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    out.add(Long.parseLong(t.split("\\s+")[0]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Replays the kept seeds of fuzzer {@code name}, each bounded like a fresh case. */
    public static void replay(String name, LongFunction<String> check) {
        for (long s : regressionSeeds(name)) {
            bounded(s, check);
        }
    }

    /** Bytes this thread has allocated so far (for bounds on what a hostile input may allocate). */
    public static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** True when {@code scripts/fuzz} asked for a long run. */
    public static boolean longRunRequested() {
        return System.getProperty(MINUTES_PROPERTY) != null;
    }

    /**
     * Runs fuzzer {@code name} for the minutes in {@value #MINUTES_PROPERTY}, keeping failing
     * seeds in {@code src/test/resources/reliability/NAME.seeds}; returns the summary (also
     * printed), or fails listing the failing seeds.
     */
    public static Summary longRun(String name, LongFunction<String> check) {
        double minutes = Double.parseDouble(System.getProperty(MINUTES_PROPERTY));
        Duration time = Duration.ofNanos((long) (minutes * 60e9));
        return longRun(name, check, time, Path.of("src/test/resources/reliability"));
    }

    /**
     * Runs fuzzer {@code name} for {@code time} (at least one case however late the thread gets
     * to run), appending failing seeds to {@code seedDir/NAME.seeds}; prints the summary, then
     * fails when a case failed or hung.
     */
    static Summary longRun(String name, LongFunction<String> check, Duration time, Path seedDir) {
        long deadline = System.nanoTime() + time.toNanos();
        SplittableRandom seeds = new SplittableRandom(System.nanoTime());
        Summary s = new Summary(name);
        Path current = Path.of("target", "reliability-" + name + ".current");
        Path seedFile = seedDir.resolve(name + ".seeds");
        do {   // at least one case: on a loaded machine the budget can be spent before the first
            long seed = seeds.nextLong();
            journal(current, seed);
            long t0 = System.nanoTime();
            try {
                s.outcomes.merge(bounded(seed, check), 1L, Long::sum);
            } catch (HangException h) {
                s.hangs++;
                s.failed(seed, h.getMessage());
                keep(seedFile, seed, h.getMessage());
            } catch (Throwable t) {
                s.failures++;
                String why = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
                s.failed(seed, why);
                keep(seedFile, seed, why);
            }
            s.record(seed, System.nanoTime() - t0);
        } while (System.nanoTime() < deadline);
        System.out.println(s);
        if (s.failures + s.hangs > 0) {
            throw new AssertionError(s.failureReport(seedFile));
        }
        return s;
    }

    /**
     * Writes the seed about to run to {@code file}: when a native engine kills the JVM, the file
     * names the case that did it (a dead process keeps no seed file).
     */
    private static void journal(Path file, long seed) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, seed + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void keep(Path file, long seed, String why) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, seed + " # " + why.replace('\n', ' ') + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts of one long run. */
    public static final class Summary {
        /** Failing seeds a failure report lists; the seed file keeps all of them. */
        static final int LISTED = 50;
        final String name;
        long cases;
        long failures;
        long hangs;
        long slowestNanos;
        long slowestSeed;
        final java.util.Map<String, Long> outcomes = new java.util.TreeMap<>();
        private final List<String> failed = new ArrayList<>();

        Summary(String name) {
            this.name = name;
        }

        /** How many cases ended with each outcome label. */
        public java.util.Map<String, Long> outcomes() {
            return java.util.Collections.unmodifiableMap(outcomes);
        }

        /** The cases that failed. */
        public long failures() {
            return failures;
        }

        void failed(long seed, String why) {
            failed.add("seed " + seed + ": " + why.replace('\n', ' '));
        }

        /** The long run's verdict: counts, then the failing seeds, one per line. */
        String failureReport(Path seedFile) {
            StringBuilder b = new StringBuilder(String.format(
                    "fuzzer %s: %d failures and %d hangs in %d cases (seeds appended to %s):",
                    name, failures, hangs, cases, seedFile));
            failed.stream().limit(LISTED).forEach(f -> b.append("\n  ").append(f));
            if (failed.size() > LISTED) {
                b.append("\n  ... and ").append(failed.size() - LISTED).append(" more in the seed file");
            }
            return b.toString();
        }

        void record(long seed, long nanos) {
            cases++;
            if (nanos > slowestNanos) {
                slowestNanos = nanos;
                slowestSeed = seed;
            }
        }

        @Override
        public String toString() {
            return String.format("RELIABILITY %s cases=%d failures=%d hangs=%d slowestMs=%.1f slowestSeed=%d outcomes=%s",
                    name, cases, failures, hangs, slowestNanos / 1e6, slowestSeed, outcomes);
        }
    }
}
