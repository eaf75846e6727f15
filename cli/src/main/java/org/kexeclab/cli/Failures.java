package org.kexeclab.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import org.kexeclab.engine.EngineException;
import org.kexeclab.engine.EngineUnavailableException;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.loader.ImageFormatException;
import org.kexeclab.loader.KexecLogException;
import org.kexeclab.loader.PlanningException;
import picocli.CommandLine;

/**
 * Turns what a command throws into one sentence on stderr and an exit status. Bad input is
 * exit status 2: bad arguments, the kernel's refusal to load the image (with its errno), and
 * a kernel, device tree or {@code kexec -d} log that cannot be loaded or planned. A kexec
 * that ran and failed, or could not run (an engine that cannot run the architecture), is 1.
 * {@code --debug} adds the stack trace.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {
    private final PrintWriter err;
    private final boolean debug;

    Failures(PrintWriter err, String[] args) {
        this.err = err;
        this.debug = Arrays.asList(args).contains("--debug");
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        int status;
        String sentence;
        if (ex instanceof KexecLoadException k) {
            sentence = "the kernel would refuse this image (" + k.errno() + "): " + k.getMessage();
            status = KexecLab.EXIT_USAGE;
        } else if (ex instanceof ImageFormatException || ex instanceof PlanningException
                || ex instanceof KexecLogException) {
            sentence = ex.getMessage();
            status = KexecLab.EXIT_USAGE;
        } else if (ex instanceof EngineException) {
            sentence = "the CPU engine failed: " + ex.getMessage();
            status = KexecLab.EXIT_FAILED;
        } else if (ex instanceof EngineUnavailableException || ex instanceof KexecFailedException) {
            sentence = ex.getMessage();
            status = KexecLab.EXIT_FAILED;
        } else if (ex instanceof IllegalArgumentException || ex instanceof UsageException) {
            sentence = ex.getMessage();
            status = KexecLab.EXIT_USAGE;
        } else {
            sentence = "internal error: " + ex + " (run again with --debug for the stack trace)";
            status = KexecLab.EXIT_FAILED;
        }
        err.println("kexec-lab: " + sentence);
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return status;
    }
}
