package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code compare --kexec-log} and {@code panic --kexec-log}, end to end through {@link KexecLab#execute}. */
class LogCommandsTest {
    /** Test-kit's committed {@code kexec -d -l bzImage} sample (Maven runs tests in the module directory). */
    private static final Path X86_LOG = Path.of("../test-kit/src/main/resources/kexec-logs/x86_64-bzimage.log");
    /** Test-kit's committed {@code kexec -d -l Image} sample, flags 0xb70000 (arm64). */
    private static final Path ARM64_LOG = Path.of("../test-kit/src/main/resources/kexec-logs/arm64-image.log");

    @TempDir
    Path dir;

    /** Two segments at 24 GiB, the entry in the first, with the given flags (0x3e0001: kexec -p on x86_64). */
    private String smallLog(String flags) throws IOException {
        Path p = dir.resolve("small-" + flags + ".log");
        Files.writeString(p, "kexec_load: entry = 0x600000000 flags = " + flags + "\nMEMORY RANGES\n"
                + "0000000000100000-00000000bfffffff (0)\n0000000100000000-000000063fffffff (0)\n"
                + "segment[0].buf = 0x1\nsegment[0].bufsz = 0x3000\nsegment[0].mem = 0x600000000\n"
                + "segment[0].memsz = 0x4000\nsegment[1].buf = 0x1\nsegment[1].bufsz = 0x800\n"
                + "segment[1].mem = 0x600010000\nsegment[1].memsz = 0x1000\n");
        return p.toString();
    }

    private static void assertOneSentence(CliRunner.Result r, int status, String... words) {
        assertEquals(status, r.status(), r.out() + r.err());
        assertTrue(r.err().startsWith("kexec-lab: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace:\n" + r.err());
        for (String w : words) {
            assertTrue(r.err().contains(w), "'" + w + "' in " + r.err());
        }
    }

    @Test
    void compareKexecLog_twoLogs_oneVerifiedRowPerLogOnTheArchOfItsFlags() throws IOException {
        String arm64 = smallLog("0xb70000");
        CliRunner.Result r = CliRunner.run("compare", "-q", "--kexec-log", X86_LOG.toString(), "--kexec-log", arm64);
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().startsWith("row 1: kexec -d log '" + X86_LOG + "' (flags 0x3e0000), replayed as a default load "
                + "on x86_64, entry 0x7fffa0a0\nrow 2: kexec -d log '" + arm64 + "' (flags 0xb70000), replayed as a "
                + "default load on arm64, entry 0x600000000\n"), r.out());
        List<String> rows = r.out().lines().filter(l -> l.startsWith("x86_64 ") || l.startsWith("arm64 ")).toList();
        assertEquals(2, rows.size(), r.out());
        assertTrue(rows.get(0).startsWith("x86_64") && rows.get(1).startsWith("arm64"), r.out());
        assertTrue(rows.stream().allMatch(l -> l.endsWith("  yes")), r.out());
        assertTrue(r.out().contains("registers at the new kernel's entry point:"), r.out());
    }

    @Test
    void compareKexecLogJson_oneLog_countsMatchRunKexecLogAndTheStubWroteEveryCopiedByte() throws IOException {
        String log = smallLog("0x3e0000");
        CliRunner.Result c = CliRunner.run("compare", "-q", "--json", "--kexec-log", log);
        assertEquals(0, c.status(), c.out() + c.err());
        JsonNode rows = OutcomeJson.MAPPER.readTree(c.out());
        assertEquals(1, rows.size(), c.out());
        JsonNode row = rows.get(0);
        CliRunner.Result run = CliRunner.run("run", "-q", "--json", "--kexec-log", log);
        assertEquals(0, run.status(), run.out() + run.err());
        JsonNode alone = OutcomeJson.MAPPER.readTree(run.out());
        assertEquals(log, row.get("kexecLog").asText());
        assertEquals("generated", row.get("contents").asText());
        assertTrue(row.get("verified").asBoolean(), c.out());
        assertEquals(alone.get("instructions").asLong(), row.get("instructions").asLong(), "the same replay, counted");
        assertEquals(alone.get("pagesCopied").asLong(), row.get("pagesCopied").asLong());
        assertTrue(row.get("pagesCopied").asLong() > 0, c.out());
        assertTrue(row.get("loads").asLong() > 0 && row.get("stores").asLong() > 0, c.out());
        assertTrue(row.get("bytesWritten").asLong() >= row.get("pagesCopied").asLong() * 4096,
                "every copied page is written: " + c.out());
    }

    @Test
    void compareKexecLog_archWithOneLog_replaysOnThatArchAsRunDoes() throws IOException {
        CliRunner.Result r = CliRunner.run("compare", "-q", "--markdown", "--arch", "x86_64", "--kexec-log",
                smallLog("0x3e0000"));
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("| x86_64 | "), r.out());
    }

    @Test
    void compareKexecLog_archWithTwoLogs_exit2() {
        assertOneSentence(CliRunner.run("compare", "--arch", "x86_64", "--kexec-log", X86_LOG.toString(), "--kexec-log",
                ARM64_LOG.toString()), 2, "--arch with --kexec-log names one architecture for one log");
    }

    @Test
    void compareKexecLog_archOtherThanTheFlags_exit2NamingBoth() {
        assertOneSentence(CliRunner.run("compare", "--arch", "x86_64", "--kexec-log", ARM64_LOG.toString()), 2,
                "(EINVAL (22))", "leave --arch out");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--kernel-for|--kernel-for x86_64=bzImage",
        "--debian|--debian",
        "--kernel|--kernel bzImage",
        "--relocate-with|--relocate-with kernel,stub",
        "--engines|--engines unicorn,java",
        "--format html|--format html --out page.html"})
    void compareKexecLog_withAnotherSource_exit2NamingIt(String named, String options) {
        List<String> args = new ArrayList<>(List.of("compare", "--kexec-log", X86_LOG.toString()));
        args.addAll(Arrays.asList(options.split(" ")));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertOneSentence(r, 2, "--kexec-log and " + named + " cannot be used together");
        assertEquals("", r.out());
    }

    @Test
    void panicKexecLog_crashLog_crashKernelEnteredAtTheLoggedEntryAndVerified() throws IOException {
        CliRunner.Result r = CliRunner.run("panic", "--json", "--kexec-log", smallLog("0x3e0001"));
        assertEquals(0, r.status(), r.out() + r.err());
        JsonNode n = OutcomeJson.MAPPER.readTree(r.out());
        assertEquals("x86_64", n.get("arch").asText(), r.out());
        assertTrue(r.out().contains("0x600000000"), "the logged entry: " + r.out());
        CliRunner.Result text = CliRunner.run("panic", "--kexec-log", smallLog("0x3e0001"));
        assertEquals(0, text.status(), text.out() + text.err());
        assertTrue(text.out().contains("result: ") && !text.out().contains("FAILED"), text.out());
    }

    @Test
    void panicKexecLog_defaultLoadLog_exit2SayingItIsNotAKexecPLog() throws IOException {
        CliRunner.Result r = CliRunner.run("panic", "--kexec-log", smallLog("0x3e0000"));
        assertOneSentence(r, 2, "is not a kexec -p log: its flags 0x3e0000 do not say KEXEC_ON_CRASH");
        assertEquals("", r.out());
    }

    @Test
    void panicKexecLog_withKernel_exit2() throws IOException {
        assertOneSentence(CliRunner.run("panic", "--kexec-log", smallLog("0x3e0001"), "--kernel", "bzImage"), 2,
                "--kexec-log and --kernel cannot be used together");
    }

    @Test
    void panicKexecLog_withNoCrashImage_exit2() throws IOException {
        assertOneSentence(CliRunner.run("panic", "--kexec-log", smallLog("0x3e0001"), "--no-crash-image"), 2,
                "--kexec-log and --no-crash-image cannot be used together");
    }
}
