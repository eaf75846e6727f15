package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Every command answers {@code --help} with its usage and {@code -V}/{@code --version} with the
 * version, on stdout and exit 0; no command at all is a usage error.
 */
class HelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"demo", "run", "compare", "trace", "step", "asm", "segments", "engines", "panic"})
    void help_everyCommand_usageOnStdoutExit0(String command) {
        CliRunner.Result r = CliRunner.run(command, "--help");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("Usage: kexec-lab " + command), r.out());
        assertEquals("", r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "run", "compare", "trace", "step", "asm", "segments", "engines", "panic"})
    void version_everyCommandBothSpellings_versionOnStdoutExit0(String command) {
        for (String flag : new String[] {"-V", "--version"}) {
            CliRunner.Result r = CliRunner.run(command, flag);
            assertEquals(0, r.status(), r.err());
            assertTrue(r.out().startsWith("kexec-lab "), command + " " + flag + ": <" + r.out() + ">");
            assertTrue(r.out().contains("Java "), r.out());
            assertEquals("", r.err());
        }
    }

    @Test
    void description_everyCommand_eachParagraphWholeSentences() {
        CommandLine root = new CommandLine(new KexecLab());
        root.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                for (String paragraph : sub.getCommandSpec().usageMessage().description()) {
                    assertTrue(paragraph.endsWith("."), name + ": picocli starts a new line for each paragraph, "
                            + "so each must end a sentence: <" + paragraph + ">");
                }
            }
        });
    }

    @Test
    void noCommand_usageOnStderrExit2() {
        CliRunner.Result r = CliRunner.run();
        assertEquals(KexecLab.EXIT_USAGE, r.status());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("kexec-lab: a command is required"), r.err());
        assertTrue(r.err().contains("Usage: kexec-lab [-hV] [COMMAND]"), r.err());
    }
}
