package org.kexeclab.reliability;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
import org.kexeclab.cli.KexecLab;
import org.kexeclab.testkit.Fuzz;

/**
 * Mutated command lines through {@link KexecLab#execute}: random subsets and mutations of the
 * real commands and options. Every case exits 0, 1 or 2; stderr carries no stack trace and no
 * "internal error" unless {@code --debug} is given; a failing command leaves no file behind in
 * the directory its path arguments point into, and a {@code trace --out FILE} that exits 0 wrote
 * a non-empty FILE.
 */
class CliArgumentFuzzTest {
    static final String NAME = "cli";
    /** Stands for a file in the case's own temporary directory. */
    private static final String OUT = "{OUT}";
    private static final String[][] BASES = {
        {"segments", "--arch", "ppc32", "--seed", "3", "--placement", "compact"},
        {"segments", "--arch", "x86_64", "--crash"},
        {"asm", "--arch", "x86_64", "--listing", "--origin", "0x200000"},
        {"asm", "--arch", "arm64"},
        {"asm", "--arch", "ppc64le", "--origin", "0x100000"},
        {"run", "--arch", "x86_64", "--json", "--budget", "100000"},
        {"run", "--arch", "ppc32", "--seed", "7", "--budget", "3000"},
        {"run", "--arch", "x86_64", "--preserve-context", "--placement", "compact", "-q"},
        {"compare", "--arch", "x86_64,ppc32", "--markdown", "--budget", "50000", "-q"},
        {"engines"},
        {"help", "run"},
        {"--version"},
        {"panic", "--arch", "x86_64", "--notifier", "a:10:ok", "--notifier-budget-ms", "50"},
        {"panic", "--arch", "ppc32", "--post-notifiers", "--notifier", "h:5:hang", "--notifier-budget-ms", "20", "--json"},
        {"panic", "--arch", "arm64", "--cpus", "2", "--concurrent-panic-cpu", "1", "--kexec-lock-held"},
        {"trace", "--arch", "x86_64", "--format", "jsonl", "--limit", "200", "--out", OUT},
        {"trace", "--arch", "ppc32", "--format", "tenet", "--from", "kexec_copy_page", "--limit", "50", "--out", OUT},
        {"trace", "--arch", "arm64", "--no-fold", "--limit", "100", "--budget", "5000", "--out", OUT},
    };

    private static final String[] POOL = {"--arch", "--json", "--markdown", "--listing", "--origin", "--crash",
        "--preserve-context", "--seed", "--placement", "--budget", "--engine", "--debug", "-q", "--quiet", "--help",
        "-h", "-V", "run", "asm", "segments", "compare", "demo", "engines", "help", "x86_64", "arm64", "arm", "ppc32",
        "ppc64", "ppc64le", "all", "scatter", "compact", "unicorn", "--", "-", "", " ", "=", "--arch=", "--seed=-1",
        "--budget=0", "--origin=0xffffffffffffffff", "0x", "-1", "18446744073709551616", "9223372036854775807",
        "-9223372036854775808", "0x7fffffffffffffff", "1e9", "NaN", "ümlaut", "x86_64,x86_64,ppc32", ",", "%s%n",
        "--arch=ALL", "--placement=SCATTER", "@nonexistent-argfile", "panic", "--post-notifiers", "--notifier",
        "a:10:hang", "b:-1:fail", "c:0:stop", "x:y:z", "::", "--cpus", "0", "100000", "--panic-on-cpu",
        "--concurrent-panic-cpu", "--no-crash-image", "--kexec-lock-held", "--panic-timeout", "--notifier-budget-ms",
        "1", "trace", "--format", "text", "jsonl", "tenet", "--out", OUT, "--from", "--limit", "--no-fold",
        "kexec_copy_page", "relocate_kernel", "0x100000"};

    @Property(tries = 120)
    void execute_mutatedArguments_exitStatusAndMessagesHold(@ForAll long seed) {
        Statistics.collect(Fuzz.bounded(seed, CliArgumentFuzzTest::check));
    }

    @Example
    void execute_keptRegressionSeeds_exitStatusAndMessagesHold() {
        Fuzz.regressionSeeds(NAME).forEach(s -> Fuzz.bounded(s, CliArgumentFuzzTest::check));
    }

    @Test
    @EnabledIfSystemProperty(named = Fuzz.MINUTES_PROPERTY, matches = ".+")
    void longRun() {
        Fuzz.longRun(NAME, CliArgumentFuzzTest::check);
    }

    /** One case: run the command line {@code seed} describes; returns "exit N". */
    static String check(long seed) {
        SplittableRandom r = Fuzz.random(seed);
        Path dir = tempDir();
        try {
            String[] args = confineOutput(mutate(BASES[r.nextInt(BASES.length)], r, dir), dir);
            StringWriter stdout = new StringWriter();
            StringWriter err = new StringWriter();
            int status;
            try {
                status = KexecLab.execute(new PrintWriter(stdout, true), new PrintWriter(err, true), args);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ": " + Arrays.toString(args) + " threw " + e, e);
            }
            String ctx = "seed " + seed + ": " + Arrays.toString(args) + " exit " + status + " stderr <" + err + ">";
            if (status < 0 || status > 2) {
                throw new AssertionError(ctx + ": exit status outside {0, 1, 2}");
            }
            boolean debug = Arrays.asList(args).contains("--debug");
            String e = err.toString();
            if (!debug && (e.contains("\tat ") || e.contains("Exception") || e.contains("internal error"))) {
                throw new AssertionError(ctx + ": a stack trace or an internal error without --debug");
            }
            if (status != 0 && leftFiles(dir)) {
                throw new AssertionError(ctx + ": a failing command left files in " + dir);
            }
            int out = Arrays.asList(args).indexOf("--out");
            Path file = dir.resolve("trace.out");
            boolean infoOnly = Arrays.stream(args).anyMatch(a -> a.equals("-V") || a.equals("--version")
                    || a.equals("-h") || a.equals("--help") || a.equals("help"));
            if (status == 0 && !infoOnly && out >= 0 && out + 1 < args.length && args[out + 1].equals(file.toString())
                    && (!Files.exists(file) || file.toFile().length() == 0)) {
                throw new AssertionError(ctx + ": exit 0 but --out wrote no trace");
            }
            return "exit " + status;
        } finally {
            delete(dir);
        }
    }

    /**
     * A mutation can put any token after {@code --out}; a relative one would make a succeeding
     * command write a file into the module directory (found: {@code cli/0x7fffffffffffffff}).
     * Such paths are resolved inside the case's own directory, which is checked and deleted.
     */
    static String[] confineOutput(String[] args, Path dir) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                args[i + 1] = confined(args[i + 1], dir);
            } else if (args[i].startsWith("--out=")) {
                args[i] = "--out=" + confined(args[i].substring(6), dir);
            }
        }
        return args;
    }

    /** {@code token} unchanged if it is absolute, empty or "-"; else its plain name inside {@code dir}. */
    private static String confined(String token, Path dir) {
        if (token.isBlank() || token.equals("-") || token.startsWith("/")) {
            return token;
        }
        return dir.resolve(token.replace('/', '_').replace('\0', '_')).toString();
    }

    private static String[] mutate(String[] base, SplittableRandom r, Path dir) {
        List<String> args = new ArrayList<>(Arrays.asList(base));
        for (int n = r.nextInt(0, 4); n > 0; n--) {
            int i = args.isEmpty() ? 0 : r.nextInt(args.size());
            switch (r.nextInt(6)) {
                case 0 -> {
                    if (!args.isEmpty()) {
                        args.remove(i);
                    }
                }
                case 1 -> args.add(i, POOL[r.nextInt(POOL.length)]);
                case 2 -> {
                    if (!args.isEmpty()) {
                        args.set(i, POOL[r.nextInt(POOL.length)]);
                    }
                }
                case 3 -> {
                    if (!args.isEmpty()) {
                        args.add(i, args.get(r.nextInt(args.size())));
                    }
                }
                case 4 -> args.add(i, dir.resolve("out-" + r.nextInt(3)).toString());
                default -> {
                    if (args.size() > 1) {
                        int j = r.nextInt(args.size());
                        String t = args.get(i);
                        args.set(i, args.get(j));
                        args.set(j, t);
                    }
                }
            }
        }
        return args.stream().map(a -> a.equals(OUT) ? dir.resolve("trace.out").toString() : a).toArray(String[]::new);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("kexec-lab-cli-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean leftFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isPresent();
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
