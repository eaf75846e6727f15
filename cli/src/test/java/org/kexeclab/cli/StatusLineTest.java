package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress line never shares a terminal line with other text. */
class StatusLineTest {
    @Test
    void before_textWrittenWhileAFrameShows_theFrameIsClearedFirst() {
        StringWriter terminal = new StringWriter();
        StatusLine status = new StatusLine(terminal);
        PrintWriter err = new PrintWriter(status.before(terminal), true);
        status.show("kexec-lab: relocating on arm [######........] 12/40 pages");
        err.println("kexec-lab: the CPU engine failed");
        assertEquals(List.of("kexec-lab: the CPU engine failed"), TerminalScreen.render(terminal.toString()));
    }

    @Test
    void show_shorterFrameAfterALongerOne_blanksTheRest() {
        StringWriter terminal = new StringWriter();
        StatusLine status = new StatusLine(terminal);
        status.show("kexec-lab: counting loads and stores on arm64 [#] 1/40 pages");
        status.show("short");
        assertEquals(List.of("short"), TerminalScreen.render(terminal.toString()));
        status.clear();
        assertEquals(List.of(), TerminalScreen.render(terminal.toString()));
    }
}
