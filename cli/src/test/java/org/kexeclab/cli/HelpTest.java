package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command answers {@code --help} with its usage on stdout and exit 0. */
class HelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"demo", "run", "compare", "trace", "step", "asm", "segments", "engines", "panic"})
    void help_everyCommand_usageOnStdoutExit0(String command) {
        CliRunner.Result r = CliRunner.run(command, "--help");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("Usage: kexec-lab " + command), r.out());
        assertEquals("", r.err());
    }
}
