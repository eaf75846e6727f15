package org.kexeclab.cli;

import java.io.IOException;
import java.io.Writer;

/**
 * The transient line a progress bar draws on a terminal's stderr: {@link #show} redraws it in
 * place with {@code \r}, {@link #clear} blanks it, and any other text written to the terminal
 * through {@link #before} clears it first, so no sentence is ever glued onto a frame. Exists
 * only when stderr is a terminal; a redirected stderr gets no frames at all.
 */
final class StatusLine {
    private final Writer terminal;
    private int shown;

    StatusLine(Writer terminal) {
        this.terminal = terminal;
    }

    /** Draws {@code frame} over the line shown, blanking what it does not cover. */
    synchronized void show(String frame) {
        write("\r" + frame + " ".repeat(Math.max(0, shown - frame.length())));
        shown = frame.length();
    }

    /** Blanks the line shown, leaving the cursor at its start; nothing if no line is shown. */
    synchronized void clear() {
        if (shown > 0) {
            write("\r" + " ".repeat(shown) + "\r");
            shown = 0;
        }
    }

    private void write(String s) {
        try {
            terminal.write(s);
            terminal.flush();
        } catch (IOException e) {
            shown = 0;  // a terminal that cannot be written shows no line either
        }
    }

    /** {@code out}, clearing this line before each write (for stderr itself, and stdout on the same terminal). */
    Writer before(Writer out) {
        return new Writer() {
            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                clear();
                out.write(buf, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }
}
