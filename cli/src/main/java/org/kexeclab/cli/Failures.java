package org.kexeclab.cli;

import java.io.PrintWriter;
import org.kexeclab.engine.EngineException;
import org.kexeclab.engine.EngineUnavailableException;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.log.KexecLogException;
import org.kexeclab.loader.plan.PlanningException;
import org.kexeclab.panic.PanicConfigException;
import picocli.CommandLine;

/**
 * Turns what a command throws into one sentence on stderr and an exit status, by type and
 * nothing else:
 * <ul>
 * <li>input the user can fix, exit 2: {@link UsageException}, picocli's parameter errors, the
 *     kernel's refusal to load the image ({@link KexecLoadException}, with its errno), a kernel,
 *     initrd or device tree that cannot be used ({@link ImageFormatException}), a load that
 *     cannot be planned ({@link PlanningException}), a {@code kexec -d} log that cannot be read
 *     ({@link KexecLogException}) and a panic model that cannot be built ({@link PanicConfigException});</li>
 * <li>a kexec that ran and failed or could not run, exit 1: {@link KexecFailedException},
 *     {@link EngineUnavailableException}, {@link EngineException}, and output that could not be
 *     written ({@link OutputFailedException});</li>
 * <li>anything else is a bug of kexec-lab, exit 1: "internal error", even an
 *     {@link IllegalArgumentException}, because user input is only ever refused with the types
 *     above.</li>
 * </ul>
 * {@code --debug} adds the stack trace.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {
    private final PrintWriter err;

    /** One exception's meaning to the user: the sentence printed and the exit status. */
    record Verdict(String sentence, int status) {
    }

    Failures(PrintWriter err) {
        this.err = err;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        Verdict v = verdict(ex);
        err.println("kexec-lab: " + v.sentence());
        if (debug(parsed)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return v.status();
    }

    /**
     * True if the command line, as picocli parsed it, has {@code --debug} as an option of the
     * command or of one of its subcommands (not merely the word, say as a {@code --cmdline}).
     */
    static boolean debug(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.hasSubcommand() ? p.subcommand() : null) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** The sentence and exit status for {@code ex}. */
    static Verdict verdict(Throwable ex) {
        if (ex instanceof KexecLoadException k) {
            return new Verdict("the kernel would refuse this image (" + k.errno() + "): " + k.reason(),
                    KexecLab.EXIT_USAGE);
        }
        if (isInputError(ex)) {
            return new Verdict(ex.getMessage(), KexecLab.EXIT_USAGE);
        }
        if (ex instanceof EngineException) {
            return new Verdict("the CPU engine failed: " + ex.getMessage(), KexecLab.EXIT_FAILED);
        }
        if (ex instanceof EngineUnavailableException || ex instanceof KexecFailedException
                || ex instanceof OutputFailedException) {
            return new Verdict(ex.getMessage(), KexecLab.EXIT_FAILED);
        }
        return new Verdict("internal error: " + ex + " (run again with --debug for the stack trace)",
                KexecLab.EXIT_FAILED);
    }

    /** True for the exception types that mean input the user can fix. */
    static boolean isInputError(Throwable ex) {
        return ex instanceof UsageException || ex instanceof CommandLine.ParameterException
                || ex instanceof KexecLoadException || ex instanceof ImageFormatException
                || ex instanceof PlanningException || ex instanceof KexecLogException
                || ex instanceof PanicConfigException;
    }
}
