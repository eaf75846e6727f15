package org.kexeclab.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Output written straight through to what is already there: standard output ({@code -}), a
 * device, a FIFO, or the file behind a descriptor link such as {@code /dev/stdout}. Nothing is
 * created, renamed or deleted; the file is opened for appending, so a stream the shell opened
 * with {@code >>} keeps what it held.
 */
final class StreamOutput implements OutputFile {
    private final GuardedWriter file;
    private final PrintWriter stdout;
    private boolean closed;

    private StreamOutput(GuardedWriter file, PrintWriter stdout) {
        this.file = file;
        this.stdout = stdout;
    }

    /** Standard output: flushed by {@link #commit}, never closed. */
    static StreamOutput of(PrintWriter stdout) {
        return new StreamOutput(null, stdout);
    }

    /** The device, FIFO or descriptor link {@code given}, opened now (a FIFO waits here for its reader). */
    static StreamOutput open(Path given) {
        try {
            return new StreamOutput(new GuardedWriter(new BufferedWriter(new OutputStreamWriter(
                    Files.newOutputStream(given, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                    StandardCharsets.UTF_8), 1 << 16), given), null);
        } catch (IOException e) {
            throw OutputFile.refused(given, OutputFile.reason(e));
        }
    }

    @Override
    public Writer writer() {
        return file != null ? file : stdout;
    }

    @Override
    public void commit() {
        if (file == null) {
            stdout.flush();
            if (stdout.checkError()) {
                throw new OutputFailedException("--out -: cannot write standard output", null);
            }
            return;
        }
        closed = true;
        file.close();
    }

    @Override
    public void close() {
        if (file != null && !closed) {
            closed = true;
            try {
                file.close();
            } catch (OutputFailedException ignored) {
                // the command already failed; its own sentence is the one printed
            }
        }
    }
}
