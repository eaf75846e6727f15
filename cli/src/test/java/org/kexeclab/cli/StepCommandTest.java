package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code step} driven through its input stream, as a student at a terminal would. */
class StepCommandTest {

    private static CliRunner.Result session(String commands) {
        CliRunner.Result r = CliRunner.runWithInput(commands, "step", "--arch", "ppc32", "--image", "one-page");
        assertEquals(0, r.status(), r.err());
        return r;
    }

    @Test
    void step_three_showsThreeInstructionsWithSourceAndChangedRegisters() {
        CliRunner.Result r = session("step 3\nquit\n");
        assertTrue(r.out().contains("relocate_kernel_ppc32.S:54    li r10, MSR_REAL_MODE           r10=0x1002"), r.out());
        assertTrue(r.out().contains("       2  0x"), r.out());
        assertTrue(!r.out().contains("       3  0x"), "exactly three steps: " + r.out());
    }

    /** Found by the step fuzzer: {@code step N} ignored --budget, so a huge N on the demo image ran for minutes. */
    @Test
    void step_moreThanTheBudget_stopsAtTheBudget() {
        CliRunner.Result r = CliRunner.runWithInput("step 9223372036854775807\nquit\n", "step", "--arch", "ppc32",
                "--image", "one-page", "--budget", "4");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("       3  0x"), r.out());
        assertTrue(!r.out().contains("       4  0x"), "exactly four steps: " + r.out());
        assertTrue(r.out().contains("(stopped after the budget of 4 instructions)"), r.out());
    }

    @Test
    void next_runsToTheNextListEntryAndEntryDescribesIt() {
        CliRunner.Result r = session("next\nentry\nnext\nnext\n");
        assertTrue(r.out().contains("entry 0 at 0x"), r.out());
        assertTrue(r.out().contains("DESTINATION 0x1000000"), r.out());
        assertTrue(r.out().contains("SOURCE page"), r.out());
        assertTrue(r.out().contains("one page copied"), "the third next runs over the copy: " + r.out());
    }

    @Test
    void breakAndContinue_stopAtTheLabelThenRunToTheEntryPoint() {
        CliRunner.Result r = session("break kexec_copy_page\ncontinue\nlist\ncontinue\nstep\n");
        assertTrue(r.out().contains("Breakpoint 1 at 0x"), r.out());
        assertTrue(r.out().contains("=> 0x"), r.out());
        assertTrue(r.out().contains("Reached the entry point 0x1000000"), r.out());
        assertTrue(r.out().contains("every byte as the oracle expects"), r.out());
        assertTrue(r.out().contains("The stub is not running any more"), r.out());
    }

    @Test
    void continueToAddress_stopsThere() {
        CliRunner.Result r = session("continue copy_word\nregs\n");
        assertTrue(r.out().contains("Reached 0x"), r.out());
        assertTrue(r.out().contains("ctr    0x400"), "the copy loop's counter is set: " + r.out());
    }

    @Test
    void watch_destinationWord_stopsAfterTheStoreSayingWhichInstructionWroteWhat() {
        CliRunner.Result r = session("watch 0x1000008,4\ncontinue\nregs\n");
        assertTrue(r.out().contains("Watchpoint 1: 4 bytes at 0x1000008 (stops after the instruction that writes them)"),
                r.out());
        assertTrue(r.out().matches("(?s).*Watchpoint 1 \\(4 bytes at 0x1000008\\): the instruction at 0x[0-9a-f]+ wrote "
                + "0x[0-9a-f]+ to 0x1000008 \\(4 bytes\\)\\..*"), r.out());
        assertTrue(!r.out().contains("Reached the entry point"), "stopped in the copy: " + r.out());
    }

    @Test
    void rwatch_destinationBytes_stopsAfterTheFirstInstructionReadingThem() {
        CliRunner.Result r = session("rwatch 0x1000010\ncontinue\ncontinue\n");
        assertTrue(r.out().contains("Read watchpoint 1: 4 bytes at 0x1000010"), r.out());
        assertTrue(r.out().matches("(?s).*Read watchpoint 1 \\(4 bytes at 0x1000010\\): the instruction at 0x[0-9a-f]+ "
                + "read \\d+ bytes? at 0x10000[01][0-9a-f]\\..*"), r.out());
        assertTrue(r.out().contains("Reached the entry point 0x1000000"), "the second continue goes on: " + r.out());
    }

    @Test
    void stepAndNext_overTheCopyLoop_foldItsIterationsAsTraceDoes() {
        CliRunner.Result r = session("continue copy_word\nstep 200\nnext\n");
        assertTrue(r.out().contains("more iterations of the loop in copy_word"), r.out());
        long stepLines = r.out().lines().filter(l -> l.matches("\\s+\\d+  0x.*")).count();
        assertTrue(stepLines < 100, stepLines + " step lines for 200 steps and a next: " + r.out());
    }

    @Test
    void watch_badRanges_explainAndTheSessionGoesOn() {
        CliRunner.Result r = session("watch\nwatch 0x1000000,0\nwatch 0x1000000,5000\nwatch 0xf0000000\nstep\n");
        assertTrue(r.out().contains("watch needs an address or a label, and a length"), r.out());
        assertTrue(r.out().contains("must be a positive number"), r.out());
        assertTrue(r.out().contains("watch: at most 4096 bytes at a time, not 5000"), r.out());
        assertTrue(r.out().contains("Cannot watch 0xf0000000"), r.out());
        assertTrue(r.out().contains("       0  0x"), "the session goes on: " + r.out());
    }

    @Test
    void examine_wordsBytesAndGiants_readGuestMemoryInGuestByteOrder() {
        CliRunner.Result r = session("x/2wx 0x10000\nx/4bx 0x10000\nx/1gx 0x10000\n");
        assertTrue(r.out().contains("0x10000: 0x00000000 0x00000000"), r.out());
        assertTrue(r.out().contains("0x10000: 0x00 0x00 0x00 0x00"), r.out());
        assertTrue(r.out().contains("0x10000: 0x0000000000000000"), r.out());
    }

    @Test
    void badCommands_explainAndTheSessionGoesOn() {
        CliRunner.Result r = session("frobnicate\nbreak\nbreak nowhere\nstep 0\nx/2qx 0x0\nx/4wx 0xf0000000\nhelp\n");
        assertTrue(r.out().contains("unknown command 'frobnicate'; type help"), r.out());
        assertTrue(r.out().contains("break needs an address or a label"), r.out());
        assertTrue(r.out().contains("'nowhere' is not a label of the stub"), r.out());
        assertTrue(r.out().contains("must be a positive number"), r.out());
        assertTrue(r.out().contains("unknown command 'x/2qx'"), r.out());
        assertTrue(r.out().contains("Cannot read 0xf0000000"), r.out());
        assertTrue(r.out().contains("x/NFx ADDR|LABEL"), r.out());
    }

    @Test
    void trailingWords_refusedWithOneSentenceAndTheSessionGoesOn() {
        CliRunner.Result r = session("quit now\nregs extra\nnext x\nstep 1 2\nbreak a b\nx/1wx 0x10000 more\n"
                + "step\nquit\n");
        assertTrue(r.out().contains("'quit' takes no arguments, not 'now'; type help"), r.out());
        assertTrue(r.out().contains("'regs' takes no arguments, not 'extra'; type help"), r.out());
        assertTrue(r.out().contains("'next' takes no arguments, not 'x'; type help"), r.out());
        assertTrue(r.out().contains("'step' takes one argument at most, not '1 2'; type help"), r.out());
        assertTrue(r.out().contains("'break' takes one argument, not 'a b'; type help"), r.out());
        assertTrue(r.out().contains("'x/1wx' takes one argument, not '0x10000 more'; type help"), r.out());
        assertTrue(r.out().contains("       0  0x"), "the session went on to the step: " + r.out());
    }

    @Test
    void examine_wrappingOrOutsideGuestMemory_saysSoInsteadOfAnEngineError() {
        CliRunner.Result r = session("x/8gx 0xffffffffffffffff\nx/2wx 0xfffffffc\nx/4bx 0x7fffffe\n");
        assertTrue(r.out().contains("Cannot read 0xffffffffffffffff and the 0x3f bytes after it: they wrap around the end "
                + "of ppc32's 32-bit address space."), r.out());
        assertTrue(r.out().contains("Cannot read 0xfffffffc and the 0x7 bytes after it: they wrap around"), r.out());
        assertTrue(r.out().contains("Cannot read 0x7fffffe..0x8000001: it is outside guest memory (the machine maps "
                + "[0x0, 0x8000000))."), r.out());
        assertTrue(!r.out().contains("pc 0x") && !r.out().contains("UC_ERR"), r.out());
    }

    @Test
    void crash_withoutImage_stepsTheDemoCrashImage() {
        CliRunner.Result r = CliRunner.runWithInput("continue\nquit\n", "step", "--arch", "arm64", "--crash");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("DONE, nothing to copy (the segments are already in place)"), r.out());
        assertTrue(r.out().contains("Reached the entry point"), r.out());
    }

    @Test
    void endOfInput_leavesCleanly() {
        CliRunner.Result r = session("");
        assertTrue(r.out().contains("Type help for commands"), r.out());
    }

    @Test
    void step_missingArch_usageErrorExit2() {
        CliRunner.Result r = CliRunner.runWithInput("", "step");
        assertEquals(KexecLab.EXIT_USAGE, r.status());
        assertTrue(r.err().contains("--arch"), r.err());
    }
}
