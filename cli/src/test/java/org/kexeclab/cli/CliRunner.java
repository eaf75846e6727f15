package org.kexeclab.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and captures what it prints. */
final class CliRunner {
    record Result(int status, String out, String err) {
    }

    private CliRunner() {
    }

    static Result runWithInput(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = KexecLab.execute(new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(status, out.toString(), err.toString());
    }

    /** As {@link #run}, with stderr taken for a terminal (where the progress bar is drawn). */
    static Result runOnTerminal(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = KexecLab.execute(new java.io.ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
                new PrintWriter(err, true), true, args);
        return new Result(status, out.toString(), err.toString());
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = KexecLab.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(status, out.toString(), err.toString());
    }
}
