package org.kexeclab.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code kexec-lab} command: run, compare and inspect kexec's relocation path on every
 * architecture. Bad input ends in one sentence on stderr and exit status 2 (no command at all
 * prints the usage there); a kexec that does not verify ends with exit status 1;
 * {@code --debug} adds stack traces. {@code -V} prints the version on every command.
 */
@Command(name = "kexec-lab", mixinStandardHelpOptions = true, versionProvider = Version.class,
        resourceBundle = "org.kexeclab.cli.HelpTexts",
        description = "Linux kexec, emulated instruction by instruction on ${bundle:kexeclab.archAll}.",
        subcommands = {DemoCommand.class, RunCommand.class, CompareCommand.class, TraceCommand.class,
                StepCommand.class, GdbserverCommand.class, BootCheckCommand.class, AsmCommand.class, SegmentsCommand.class, EnginesCommand.class, PanicCommand.class,
                CommandLine.HelpCommand.class})
public final class KexecLab implements java.util.concurrent.Callable<Integer> {
    /** Exit status of a kexec that ran but did not verify, or could not run. */
    public static final int EXIT_FAILED = 1;
    /** Exit status of bad input. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where {@code step} reads its commands. */
    java.io.InputStream in = System.in;

    /** The progress line on stderr, or null when stderr is not a terminal. */
    StatusLine status;

    /** No command given: the usage goes to stderr, as for any other usage error. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("kexec-lab: a command is required");
        spec.commandLine().usage(err);
        err.flush();
        return EXIT_USAGE;
    }

    /** Entry point of the shaded jar: progress is drawn only if stderr is a terminal. */
    public static void main(String[] args) {
        System.exit(execute(System.in, new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                Terminal.isTerminal(Terminal.STDERR), args));
    }

    /** Runs the command line with the given streams and returns the exit status (for tests). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute(System.in, out, err, args);
    }

    /** As {@link #execute(PrintWriter, PrintWriter, String...)}, with {@code step}'s commands read from {@code in}. */
    public static int execute(java.io.InputStream in, PrintWriter out, PrintWriter err, String... args) {
        return execute(in, out, err, false, args);
    }

    /**
     * As {@link #execute(java.io.InputStream, PrintWriter, PrintWriter, String...)}; {@code errIsTerminal}
     * says whether {@code err} is a terminal, the only place a progress bar is drawn. Then every other
     * write to {@code err} or {@code out} first clears the bar's line.
     */
    static int execute(java.io.InputStream in, PrintWriter out, PrintWriter err, boolean errIsTerminal,
            String... args) {
        KexecLab root = new KexecLab();
        root.in = in;
        root.status = errIsTerminal ? new StatusLine(err) : null;
        PrintWriter stdout = errIsTerminal ? new PrintWriter(root.status.before(out), true) : out;
        PrintWriter stderr = errIsTerminal ? new PrintWriter(root.status.before(err), true) : err;
        CommandLine cl = new CommandLine(root);
        withVersion(cl);
        cl.setOut(stdout);
        cl.setErr(stderr);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(new Failures(stderr));
        cl.setParameterExceptionHandler((ex, a) -> {
            stderr.println("kexec-lab: " + ex.getMessage());
            stderr.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return EXIT_USAGE;
        });
        return cl.execute(args);
    }

    /** Where {@code spec}'s command draws progress: the status line, or null (redirected stderr, {@code --quiet}). */
    static StatusLine progress(CommandLine.Model.CommandSpec spec, CommonOptions common) {
        return common.quiet ? null : ((KexecLab) spec.root().userObject()).status;
    }

    /** Gives {@code cl} and every subcommand {@link Version}, so {@code run --version} prints it too. */
    private static void withVersion(CommandLine cl) {
        if (cl.getCommandSpec().versionProvider() == null) {
            cl.getCommandSpec().versionProvider(new Version());
        }
        cl.getSubcommands().values().forEach(KexecLab::withVersion);
    }
}
