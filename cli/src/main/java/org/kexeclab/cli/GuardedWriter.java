package org.kexeclab.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * A writer whose I/O failures become {@link OutputFailedException}s naming the output the user
 * gave ({@code --out: cannot write '/dev/full' (No space left on device)}), so a failing write
 * ends the command with one sentence and exit 1, whichever sink was writing.
 */
final class GuardedWriter extends Writer {
    private final Writer out;
    private final Path given;

    GuardedWriter(Writer out, Path given) {
        this.out = out;
        this.given = given;
    }

    /** The sentence for a write to {@code given} that failed with {@code e}. */
    static OutputFailedException failed(Path given, IOException e) {
        return new OutputFailedException("--out: cannot write '" + given + "' (" + OutputFile.reason(e) + ")", e);
    }

    @Override
    public void write(char[] buf, int off, int len) {
        try {
            out.write(buf, off, len);
        } catch (IOException e) {
            throw failed(given, e);
        }
    }

    @Override
    public void write(String s, int off, int len) {
        try {
            out.write(s, off, len);
        } catch (IOException e) {
            throw failed(given, e);
        }
    }

    @Override
    public void write(int c) {
        try {
            out.write(c);
        } catch (IOException e) {
            throw failed(given, e);
        }
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw failed(given, e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw failed(given, e);
        }
    }
}
