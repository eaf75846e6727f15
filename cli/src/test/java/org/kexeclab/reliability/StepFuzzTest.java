package org.kexeclab.reliability;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.kexeclab.arch.Arches;
import org.kexeclab.cli.KexecLab;
import org.kexeclab.testkit.Fuzz;

/**
 * The interactive {@code step} command and {@code trace --from/--limit} on random
 * architectures, both engines, random images, budgets and seeds, with random command scripts
 * on standard input: {@code step N}, {@code next}, {@code continue} and {@code break} with
 * labels, addresses (in and outside the stub, hostile numbers) and garbage, {@code x/NFx} with
 * random counts, units and addresses, {@code regs}, {@code list}, {@code entry}, unknown words.
 * Every case exits 0, 1 or 2 without a stack trace, "internal error" or Java exception name
 * on stdout or stderr (without {@code --debug}), and within 30 s.
 * {@code scripts/fuzz step MINUTES} runs it longer.
 */
class StepFuzzTest {
    static final String NAME = "step";
    /** Every registered architecture's name. */
    private static final String[] ARCHES = Arches.names().toArray(String[]::new);
    private static final String[] ENGINES = {"unicorn", "java"};
    private static final String[] LABELS = {"relocate_kernel", "kexec_copy_page", "identity_mapped", "virt_addr",
        "relocate_new_kernel", "copy_page", "done", "nosuchlabel", "_start", ""};
    private static final String[] NUMBERS = {"0", "1", "-1", "0x", "0xffffffffffffffff", "18446744073709551616",
        "9223372036854775807", "0x7fffffffffffffff", "4096", "0x1000000", "1e3", "ten", "%n", "0x100000",
        "99999999999999999999", "0b101"};

    @Property(tries = 10)
    void step_randomScripts_exitStatusAndMessagesHold(@ForAll long seed) {
        Statistics.collect(Fuzz.bounded(seed, StepFuzzTest::check));
    }

    @Example
    void step_keptRegressionSeeds_exitStatusAndMessagesHold() {
        Fuzz.regressionSeeds(NAME).forEach(s -> Fuzz.bounded(s, StepFuzzTest::check));
    }

    @Test
    @EnabledIfSystemProperty(named = Fuzz.MINUTES_PROPERTY, matches = ".+")
    void longRun() {
        Fuzz.longRun(NAME, StepFuzzTest::check);
    }

    /** The command line and script of case {@code seed} for a hang's report; TEMPDIR stands for its directory. */
    static String describe(long seed) {
        SplittableRandom r = Fuzz.random(seed);
        boolean trace = r.nextInt(4) == 0;
        String[] args = trace ? traceArgs(r, Path.of("TEMPDIR")) : stepArgs(r);
        return Arrays.toString(args) + " <<" + (trace ? "" : script(r)).replace('\n', ';') + ">>";
    }

    /** One case; returns "step|trace engine exit N". */
    static String check(long seed) {
        SplittableRandom r = Fuzz.random(seed);
        boolean trace = r.nextInt(4) == 0;
        Path dir = tempDir();
        try {
            String[] args = trace ? traceArgs(r, dir) : stepArgs(r);
            String script = trace ? "" : script(r);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int status;
            try {
                status = KexecLab.execute(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)),
                        new PrintWriter(out, true), new PrintWriter(err, true), args);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ": " + Arrays.toString(args) + " threw " + e, e);
            }
            String ctx = "seed " + seed + ": " + Arrays.toString(args) + " <<" + script.replace('\n', ';') + ">> exit "
                    + status + " stderr <" + err + ">";
            if (status < 0 || status > 2) {
                throw new AssertionError(ctx + ": exit status outside {0, 1, 2}");
            }
            for (String text : new String[] {err.toString(), out.toString()}) {
                if (text.contains("\tat ") || text.contains("Exception") || text.contains("internal error")
                        || text.contains("Error:") && text.contains("java.")) {
                    int at = Math.max(0, Math.max(text.indexOf("Exception"), text.indexOf("\tat ")) - 200);
                    throw new AssertionError(ctx + ": a Java exception or internal error in the output: "
                            + text.substring(at, Math.min(text.length(), at + 400)).replace('\n', '|'));
                }
            }
            return (trace ? "trace " : "step ") + args[4] + " exit " + status;
        } finally {
            delete(dir);
        }
    }

    private static String[] stepArgs(SplittableRandom r) {
        List<String> a = new ArrayList<>(List.of("step", "--arch", pick(r, ARCHES), "--engine", pick(r, ENGINES)));
        String image = pick(r, "small", "one-page", "small", "one-page", "demo");
        a.addAll(List.of("--image", image));
        common(r, a);
        if (image.equals("demo")) { // millions of single steps: a budget keeps a case within seconds
            a.addAll(List.of("--budget", String.valueOf(r.nextInt(1, 20_000))));
        }
        return a.toArray(String[]::new);
    }

    private static String[] traceArgs(SplittableRandom r, Path dir) {
        List<String> a = new ArrayList<>(List.of("trace", "--arch", pick(r, ARCHES), "--engine", pick(r, ENGINES)));
        a.addAll(List.of("--image", pick(r, "small", "one-page"), "--format", pick(r, "text", "jsonl", "tenet")));
        if (r.nextBoolean()) {
            a.addAll(List.of("--from", r.nextBoolean() ? pick(r, LABELS) : pick(r, NUMBERS)));
        }
        a.addAll(List.of("--limit", r.nextBoolean() ? String.valueOf(r.nextInt(0, 300)) : pick(r, NUMBERS)));
        a.addAll(List.of("--out", dir.resolve("t.out").toString()));
        common(r, a);
        return a.toArray(String[]::new);
    }

    private static void common(SplittableRandom r, List<String> a) {
        if (r.nextBoolean()) {
            a.addAll(List.of("--seed", String.valueOf(r.nextInt(1000))));
        }
        if (r.nextBoolean()) {
            a.addAll(List.of("--placement", pick(r, "scatter", "compact")));
        }
        if (r.nextInt(3) == 0) {
            a.addAll(List.of("--budget", r.nextBoolean() ? String.valueOf(r.nextInt(1, 5000)) : pick(r, NUMBERS)));
        }
        if (r.nextInt(5) == 0) {
            a.add(pick(r, "--crash", "--preserve-context"));
        }
    }

    private static String script(SplittableRandom r) {
        StringBuilder b = new StringBuilder();
        for (int n = r.nextInt(1, 14); n > 0; n--) {
            b.append(command(r)).append('\n');
        }
        if (r.nextBoolean()) {
            b.append("quit\n");
        }
        return b.toString();
    }

    private static String command(SplittableRandom r) {
        return switch (r.nextInt(12)) {
            case 0, 1 -> "step" + (r.nextBoolean() ? "" : " " + (r.nextBoolean() ? String.valueOf(r.nextInt(1, 200)) : pick(r, NUMBERS)));
            case 2 -> pick(r, "next", "n");
            case 3 -> pick(r, "continue", "c") + (r.nextBoolean() ? "" : " " + target(r));
            case 4 -> pick(r, "break", "b") + (r.nextInt(5) == 0 ? "" : " " + target(r));
            case 5 -> pick(r, "regs", "info", "list", "entry", "help", "l", "e", "?");
            case 6, 7 -> "x/" + pick(r, "", "1", "8", "0", "4096", "4097", "99999999999", "-1", "0x10")
                    + pick(r, "b", "h", "w", "g", "q", "") + "x " + (r.nextBoolean() ? target(r) : pick(r, NUMBERS));
            case 8 -> pick(r, "", "   ", "stepi 3", "si", "s 2", "x", "x/", "x/8gx", "\t", "quit now", "ümlaut", "step 1 2");
            default -> "step " + r.nextInt(1, 50);
        };
    }

    private static String target(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> pick(r, LABELS);
            case 1 -> pick(r, NUMBERS);
            default -> String.format("0x%x", pick(r, 0x1000L, 0x100000L, 0x1000000L, 0x7000L) + r.nextInt(0x2000));
        };
    }

    @SafeVarargs
    private static <T> T pick(SplittableRandom r, T... options) {
        return options[r.nextInt(options.length)];
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("kexec-lab-step-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
