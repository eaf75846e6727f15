package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool run as a process (with the progress bar due from the first page): a stderr
 * redirected to a file gets no frame, a stderr on a pseudo-terminal (made by util-linux's
 * {@code script}) gets them. This checks the {@code isatty} test itself, which in-process
 * tests cannot.
 */
class TerminalTest {
    private static final String[] RUN = {"run", "--arch", "ppc32", "--image", "small", "--json"};

    @TempDir
    Path dir;

    private static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ProgressBarMain.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    void main_stderrRedirectedToAFile_noProgressFrame() throws Exception {
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(java(RUN)).redirectError(err.toFile())
                .redirectOutput(dir.resolve("out.json").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(err));
        String text = Files.readString(err);
        assertFalse(text.contains("\r") || text.contains("pages"), "no frame in a redirected stderr: " + text);
        assertTrue(Files.readString(dir.resolve("out.json")).contains("\"verified\" : true"));
    }

    @Test
    void main_stderrOnAPseudoTerminal_progressFramesDrawn() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script makes the pseudo-terminal");
        StringBuilder command = new StringBuilder();
        for (String a : java(RUN)) {
            command.append('\'').append(a.replace("'", "'\\''")).append("' ");
        }
        Path log = dir.resolve("tty.txt");
        Process p = new ProcessBuilder("/usr/bin/script", "-qec", command.toString(), "/dev/null")
                .redirectOutput(log.toFile()).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String text = Files.readString(log);
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.contains("\rkexec-lab: relocating on ppc32 ["), "frames on the terminal: " + text);
    }

    @Test
    void isTerminal_descriptorThatIsNoFile_false() throws IOException {
        assertFalse(Terminal.isTerminal(987_654), "an unopened descriptor is no terminal");
    }
}
