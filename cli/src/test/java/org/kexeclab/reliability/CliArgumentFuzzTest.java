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
import org.kexeclab.arch.Arches;
import org.kexeclab.cli.KexecLab;
import org.kexeclab.cli.ProgressBars;
import org.kexeclab.testkit.Fuzz;

/**
 * Mutated command lines through {@link KexecLab#execute}: random subsets and mutations of the
 * real commands and options. Every case exits 0, 1 or 2; stderr carries no stack trace and no
 * "internal error" unless {@code --debug} is given; exit 2 starts with a "kexec-lab: " sentence,
 * and exit 1 is a kexec that ran and failed (its result printed, or written to
 * {@code trace --out}) or could not run (an engine, or output that could not be written), never
 * bad input; a failing command leaves no file behind in the directory its path arguments point
 * into (but a trace of a run that failed is written whole: it shows where the run failed), and a
 * {@code trace --out FILE} that exits 0 wrote a non-empty FILE. {@code --out} also gets a
 * symbolic link to a regular file, a dangling link, a directory, a link to {@code /dev/null} and
 * {@code /dev/null} itself: none but the regular file is ever replaced. Every run draws its
 * progress bar from the first page, and stderr, which is not a terminal here, never gets a frame.
 */
class CliArgumentFuzzTest {
    static final String NAME = "cli";
    /** Stands for a file in the case's own temporary directory. */
    private static final String OUT = "{OUT}";
    /** Stand for the case's fixtures (see {@link Fixtures}): paths that are not new regular files. */
    private static final String LINK = "{LINK}";
    private static final String DANGLING = "{DANGLING}";
    private static final String DIRECTORY = "{DIR}";
    private static final String DEVICE_LINK = "{DEVLINK}";
    /** What exit 1 may say when the command printed no result: an engine that failed or cannot run, or a failed write. */
    private static final java.util.regex.Pattern COULD_NOT_RUN = java.util.regex.Pattern.compile(
            "kexec-lab: (the CPU engine failed: .*|.*cannot run.*|.*Unicorn.*|--out: cannot write '.*' \\(.*\\)"
            + "|--out -: cannot write standard output)\\R?");
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
        {"trace", "--arch", "arm", "--image", "one-page", "--format", "tenet", "--limit", "30", "--out", LINK},
        {"trace", "--arch", "x86_64", "--limit", "30", "--out", DEVICE_LINK},
        {"trace", "--arch", "ppc32", "--crash", "--out", "/dev/null"},
    };

    /**
     * Tokens a mutation inserts: options, command names, values; the architecture names come
     * from the registry, in its order, where the pool names them.
     */
    private static final String[] POOL = pool(new String[] {"--arch", "--json", "--markdown", "--listing", "--origin",
        "--crash", "--preserve-context", "--seed", "--placement", "--budget", "--engine", "--debug", "-q", "--quiet",
        "--help", "-h", "-V", "run", "asm", "segments", "compare", "demo", "engines", "help"}, Arches.names(),
        new String[] {"all", "scatter", "compact", "unicorn", "--", "-", "", " ", "=", "--arch=", "--seed=-1",
        "--budget=0", "--origin=0xffffffffffffffff", "0x", "-1", "18446744073709551616", "9223372036854775807",
        "-9223372036854775808", "0x7fffffffffffffff", "1e9", "NaN", "ümlaut", "x86_64,x86_64,ppc32", ",", "%s%n",
        "--arch=ALL", "--placement=SCATTER", "@nonexistent-argfile", "panic", "--post-notifiers", "--notifier",
        "a:10:hang", "b:-1:fail", "c:0:stop", "x:y:z", "::", "--cpus", "0", "100000", "--panic-on-cpu",
        "--concurrent-panic-cpu", "--no-crash-image", "--kexec-lock-held", "--panic-timeout", "--notifier-budget-ms",
        "1", "trace", "--format", "text", "jsonl", "tenet", "--out", OUT, "--from", "--limit", "--no-fold",
        "kexec_copy_page", "relocate_kernel", "0x100000", LINK, DANGLING, DIRECTORY, DEVICE_LINK, "/dev/null",
        "--engine=java", "--image=one-page", "--kernel", "--kexec-log", "--mem", "1K", "--dtb", "--segment"});

    private static String[] pool(String[] before, List<String> archNames, String[] after) {
        List<String> out = new ArrayList<>(List.of(before));
        out.addAll(archNames);
        out.addAll(List.of(after));
        return out.toArray(String[]::new);
    }

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
    @SuppressWarnings("try") // the progress setting is a resource for its close(), which restores it
    static String check(long seed) {
        SplittableRandom r = Fuzz.random(seed);
        Path dir = tempDir();
        Fixtures fixtures = Fixtures.create();
        try (AutoCloseable progress = ProgressBars.shownAtOnce()) {
            String[] args = confineOutput(mutate(BASES[r.nextInt(BASES.length)], r, dir, fixtures), dir);
            StringWriter stdout = new StringWriter();
            StringWriter err = new StringWriter();
            int status;
            try {
                status = KexecLab.execute(new PrintWriter(stdout, true), new PrintWriter(err, true), args);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ": " + Arrays.toString(args) + " threw " + e, e);
            }
            String ctx = "seed " + seed + ": " + Arrays.toString(args) + " exit " + status + " stderr <" + err + ">";
            checkStatusAndMessages(ctx, args, status, stdout.toString(), err.toString());
            fixtures.assertUnreplaced(ctx);
            if (status != 0 && leftFiles(dir) && !(status == 1 && tracedToFile(args) && onlyTraceFileLeft(dir))) {
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
        } catch (Exception e) {
            throw new AssertionError("seed " + seed + ": restoring the progress bar's delay failed", e);
        } finally {
            delete(dir);
            fixtures.delete();
        }
    }

    /** The exit status and stderr rules of the class comment. */
    private static void checkStatusAndMessages(String ctx, String[] args, int status, String out, String err) {
        if (status < 0 || status > 2) {
            throw new AssertionError(ctx + ": exit status outside {0, 1, 2}");
        }
        boolean debug = Arrays.asList(args).contains("--debug");
        if (!debug && (err.contains("\tat ") || err.contains("Exception") || err.contains("internal error"))) {
            throw new AssertionError(ctx + ": a stack trace or an internal error without --debug");
        }
        if (err.contains("\r")) {
            throw new AssertionError(ctx + ": a progress frame in a stderr that is not a terminal");
        }
        if (status == 2 && !err.startsWith("kexec-lab: ")) {
            throw new AssertionError(ctx + ": exit 2 without a sentence saying what is wrong");
        }
        String firstLine = err.lines().findFirst().orElse("");
        boolean resultShown = !out.isBlank() || tracedToFile(args);
        if (status == 1 && !resultShown && !debug && !COULD_NOT_RUN.matcher(firstLine).matches()) {
            throw new AssertionError(ctx + ": exit 1 with no result and a sentence that is not a kexec that could not "
                    + "run; bad input exits 2");
        }
    }

    /** True for a {@code trace} whose result goes to an {@code --out} file: a failed run's result is that file. */
    private static boolean tracedToFile(String[] args) {
        List<String> a = Arrays.asList(args);
        return a.contains("trace") && (a.contains("--out") || a.stream().anyMatch(t -> t.startsWith("--out=")));
    }

    /** True if the only file left in {@code dir} is the trace {@code --out} named. */
    private static boolean onlyTraceFileLeft(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.allMatch(p -> p.getFileName().toString().equals("trace.out"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    /**
     * {@code token} unchanged if it is absolute, empty or "-"; else its plain name inside
     * {@code dir} (a blank name too: {@code --out " "} once left a file named " " in the module).
     */
    private static String confined(String token, Path dir) {
        if (token.isEmpty() || token.equals("-") || token.startsWith("/")) {
            return token;
        }
        return dir.resolve(token.replace('/', '_').replace('\0', '_')).toString();
    }

    private static String[] mutate(String[] base, SplittableRandom r, Path dir, Fixtures fixtures) {
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
        return args.stream().map(a -> switch (a) {
            case OUT -> dir.resolve("trace.out").toString();
            case LINK -> fixtures.link.toString();
            case DANGLING -> fixtures.dangling.toString();
            case DIRECTORY -> fixtures.directory.toString();
            case DEVICE_LINK -> fixtures.deviceLink.toString();
            default -> a;
        }).toArray(String[]::new);
    }

    /**
     * Paths a case may name that must never be replaced: a symbolic link to a regular file (the
     * file may be replaced, the link must stay), a dangling link (nothing may appear behind it),
     * a directory, and a link to {@code /dev/null} (which must stay a character device).
     */
    static final class Fixtures {
        final Path root;
        final Path regular;
        final Path link;
        final Path dangling;
        final Path directory;
        final Path deviceLink;

        private Fixtures(Path root) throws IOException {
            this.root = root;
            this.regular = Files.writeString(root.resolve("regular.txt"), "before\n");
            this.link = Files.createSymbolicLink(root.resolve("link"), Path.of("regular.txt"));
            this.dangling = Files.createSymbolicLink(root.resolve("dangling"), Path.of("missing.txt"));
            this.directory = Files.createDirectory(root.resolve("directory"));
            this.deviceLink = Files.createSymbolicLink(root.resolve("null"), Path.of("/dev/null"));
        }

        static Fixtures create() {
            try {
                return new Fixtures(Files.createTempDirectory("kexec-lab-cli-fixtures"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void assertUnreplaced(String ctx) {
            try {
                check(Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(Path.of("regular.txt")), ctx, link);
                check(Files.isRegularFile(regular, java.nio.file.LinkOption.NOFOLLOW_LINKS), ctx, regular);
                check(Files.isSymbolicLink(dangling) && !Files.exists(root.resolve("missing.txt"),
                        java.nio.file.LinkOption.NOFOLLOW_LINKS), ctx, dangling);
                check(Files.isDirectory(directory, java.nio.file.LinkOption.NOFOLLOW_LINKS), ctx, directory);
                check(Files.isSymbolicLink(deviceLink) && Files.readSymbolicLink(deviceLink).equals(Path.of("/dev/null")),
                        ctx, deviceLink);
                int mode = (Integer) Files.getAttribute(Path.of("/dev/null"), "unix:mode",
                        java.nio.file.LinkOption.NOFOLLOW_LINKS);
                check((mode & 0170000) == 0020000, ctx, Path.of("/dev/null"));
                try (Stream<Path> s = Files.list(root)) {
                    check(s.count() == 5, ctx, root);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void check(boolean unchanged, String ctx, Path p) {
            if (!unchanged) {
                throw new AssertionError(ctx + ": " + p + " was replaced or changed; only regular files may be");
            }
        }

        void delete() {
            CliArgumentFuzzTest.delete(root);
        }
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
