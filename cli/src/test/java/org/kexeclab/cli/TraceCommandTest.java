package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code trace} through the main entry point: goldens, options, and every bad input. */
class TraceCommandTest {
    /** Architectures with committed golden traces (regenerate with -Dkexeclab.regenGolden=true). */
    static final List<String> GOLDEN_ARCHS = List.of("x86_64", "arm64", "arm", "ppc32", "ppc64", "ppc64le");

    @TempDir
    Path dir;

    static Stream<Arguments> goldens() {
        return GOLDEN_ARCHS.stream().flatMap(a -> Stream.of(Arguments.of(a, "text"), Arguments.of(a, "jsonl")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("goldens")
    void trace_onePageImage_matchesCommittedGolden(String arch, String format) throws IOException {
        Path out = dir.resolve("trace." + format);
        CliRunner.Result r = CliRunner.run("trace", "--arch", arch, "--image", "one-page", "--format", format,
                "--out", out.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.out(), "the trace goes to the file only");
        String actual = Files.readString(out);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList(), "the finished file only, no temporary left");
        }
        if (format.equals("jsonl")) {
            for (String line : actual.split("\n")) {
                OutcomeJson.MAPPER.readTree(line);
            }
        }
        String name = "golden/trace/" + arch + "-one-page." + format;
        if (Boolean.getBoolean("kexeclab.regenGolden")) {
            Files.writeString(Path.of("src/test/resources", name), actual);
        }
        assertEquals(resource(name), actual, "regenerate with -Dkexeclab.regenGolden=true if the change is intended");
    }

    static String resource(String name) throws IOException {
        try (InputStream in = TraceCommandTest.class.getResourceAsStream("/" + name)) {
            assertTrue(in != null, "missing golden " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void trace_textOnePage_foldsTheCopyLoopAndNamesTheEntries() {
        CliRunner.Result r = CliRunner.run("trace", "--arch", "ppc32", "--image", "one-page", "--quiet");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("... 1,022 more iterations of the loop in copy_word (4,088 instructions)"), r.out());
        assertTrue(r.out().contains("SOURCE page"), r.out());
        assertTrue(r.out().contains("page 1 of 1 to copy"), r.out());
        assertTrue(r.out().contains("relocate_kernel_ppc32.S:"), r.out());
        assertTrue(r.out().strip().endsWith("entry registers and probe as expected"), r.out());
    }

    @Test
    void trace_noFold_showsEveryStepOfTheRun() throws IOException {
        CliRunner.Result r = CliRunner.run("trace", "--arch", "ppc32", "--image", "one-page", "--format", "jsonl",
                "--no-fold");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        JsonNode end = OutcomeJson.MAPPER.readTree(lines.get(lines.size() - 1));
        String instructions = end.get("end").asText().replaceAll("^verified: ([0-9,]+) instructions.*$", "$1");
        assertEquals(Long.parseLong(instructions.replace(",", "")), lines.size() - 2, "one line per instruction");
        assertTrue(r.err().contains("traced"), r.err());
    }

    @Test
    void trace_limit_recordsExactlyThatManyStepsAndSaysSo() throws IOException {
        CliRunner.Result r = CliRunner.run("trace", "--arch", "ppc32", "--format", "jsonl", "--limit", "10", "-q");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(12, lines.size(), r.out());
        assertEquals(9, OutcomeJson.MAPPER.readTree(lines.get(10)).get("step").asInt());
        assertTrue(lines.get(11).contains("stopped after 10 steps"), lines.get(11));
    }

    @Test
    void trace_fromLabel_firstStepIsAtTheLabel() throws IOException {
        CliRunner.Result asm = CliRunner.run("asm", "--arch", "ppc32");
        assertEquals(0, asm.status());
        CliRunner.Result r = CliRunner.run("trace", "--arch", "ppc32", "--format", "jsonl", "--from",
                "kexec_copy_page", "--limit", "3", "-q");
        assertEquals(0, r.status(), r.err());
        JsonNode first = OutcomeJson.MAPPER.readTree(r.out().lines().skip(1).findFirst().orElseThrow());
        assertEquals(0, first.get("step").asInt());
        CliRunner.Result listing = CliRunner.run("trace", "--arch", "ppc32", "--image", "small", "--no-fold", "-q");
        assertTrue(listing.out().contains(first.get("pc").asText() + "   "), "the label's address is executed");
    }

    @Test
    void trace_fromUnknownLabel_usageErrorNamingTheLabels() {
        CliRunner.Result r = CliRunner.run("trace", "--arch", "ppc32", "--from", "no_such_label");
        assertEquals(KexecLab.EXIT_USAGE, r.status());
        assertTrue(r.err().contains("'no_such_label' is not a label of the stub"), r.err());
        assertTrue(r.err().contains("kexec_copy_page"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    /** Found by the step fuzzer: {@code --from ""} escaped as StringIndexOutOfBoundsException ("internal error"). */
    @Test
    void trace_fromEmpty_usageErrorNamingTheLabels() {
        CliRunner.Result r = CliRunner.run("trace", "--arch", "ppc32", "--from", "");
        assertEquals(KexecLab.EXIT_USAGE, r.status());
        assertTrue(r.err().contains("an empty label or address"), r.err());
        assertFalse(r.err().contains("internal error") || r.err().contains("Exception"), r.err());
    }

    @Test
    void trace_fromAddressOutsideTheStub_usageError() {
        CliRunner.Result r = CliRunner.run("trace", "--arch", "ppc32", "--from", "0x10");
        assertEquals(KexecLab.EXIT_USAGE, r.status());
        assertTrue(r.err().contains("is not an instruction of the stub"), r.err());
    }

    @Test
    void trace_fromDataLabelNeverExecuted_exit2AndNoFileLeftBehind() throws IOException {
        Path out = dir.resolve("never.txt");
        CliRunner.Result r = CliRunner.run("trace", "--arch", "x86_64", "--image", "one-page",
                "--from", "kexec_saved_rbx", "--out", out.toString());
        assertEquals(KexecLab.EXIT_USAGE, r.status(), r.err());
        assertTrue(r.err().contains("never executed"), r.err());
        assertFalse(Files.exists(out));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "no partial file");
        }
    }

    @Test
    void trace_unrunnableArchWithOut_exit1AndNoFileLeftBehind() throws IOException {
        Path out = dir.resolve("ppc64.txt");
        CliRunner.Result r = CliRunner.run("trace", "--arch", "ppc64", "--engine", "unicorn", "--out",
                out.toString());
        assertEquals(KexecLab.EXIT_FAILED, r.status(), r.err());
        assertTrue(r.err().contains("1779"), r.err());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "no partial file");
        }
    }

    @Test
    void trace_outInMissingDirectory_exit2OneSentence() {
        CliRunner.Result r = CliRunner.run("trace", "--arch", "ppc32", "--out", dir.resolve("no/such/t.txt").toString());
        assertEquals(KexecLab.EXIT_USAGE, r.status());
        assertTrue(r.err().contains("no such directory"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void trace_crashWithoutImage_tracesTheDemoCrashImageAndVerifies() {
        CliRunner.Result r = CliRunner.run("trace", "--arch", "x86_64", "--crash");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("# head 0x4: DONE, nothing to copy (the segments are already in place)"), r.out());
        assertTrue(r.out().strip().endsWith("entry registers and probe as expected"), r.out());
    }

    @Test
    void trace_tenetOnPpc32_usageErrorNamingTheArchitecturesItWrites() {
        CliRunner.Result r = CliRunner.run("trace", "--arch", "ppc32", "--format", "tenet");
        assertEquals(KexecLab.EXIT_USAGE, r.status());
        assertTrue(r.err().contains("--format tenet writes x86_64") && r.err().contains("arm traces only")
                && r.err().contains("(Tenet has no ppc32 definition)"), r.err());
    }

    @Test
    void trace_unknownFormat_usageError() {
        CliRunner.Result r = CliRunner.run("trace", "--arch", "ppc32", "--format", "xml");
        assertEquals(KexecLab.EXIT_USAGE, r.status());
        assertTrue(r.err().contains("--format"), r.err());
    }

    @Test
    void trace_negativeLimit_usageError() {
        CliRunner.Result r = CliRunner.run("trace", "--arch", "ppc32", "--limit", "-1");
        assertEquals(KexecLab.EXIT_USAGE, r.status());
        assertTrue(r.err().contains("--limit"), r.err());
    }

    @Test
    void trace_budgetRunsOutWithOutAndQuiet_exit1TheFailureOnStderrToo(@TempDir Path dir) {
        Path out = dir.resolve("t.txt");
        CliRunner.Result r = CliRunner.run("trace", "--arch", "arm64", "--image", "one-page", "--budget", "100",
                "--out", out.toString(), "-q");
        assertEquals(KexecLab.EXIT_FAILED, r.status(), r.err());
        assertTrue(r.err().startsWith("kexec-lab: the stub did not reach the entry point 0x1000000: its instruction "
                + "budget of 100 ended the run after 1"), r.err());
        assertTrue(r.err().strip().endsWith("a larger --budget may let it finish, unless its list never reaches "
                + "IND_DONE"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertEquals("", r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5"})
    void run_budgetNotPositive_exit2(String budget) {
        CliRunner.Result r = CliRunner.run("run", "--arch", "ppc32", "--image", "one-page", "--budget", budget);
        assertEquals(KexecLab.EXIT_USAGE, r.status(), r.out() + r.err());
        assertTrue(r.err().startsWith("kexec-lab: --budget " + budget + " is not a positive number of instructions"),
                r.err());
        assertEquals("", r.out());
    }

    @Test
    void run_budgetRunsOut_exit1TheFailureOnStderr() {
        CliRunner.Result r = CliRunner.run("run", "--arch", "ppc32", "--image", "one-page", "--budget", "50", "-q");
        assertEquals(KexecLab.EXIT_FAILED, r.status(), r.err());
        assertTrue(r.out().contains("FAILED"), r.out());
        assertTrue(r.err().startsWith("kexec-lab: the stub did not reach the entry point"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void trace_budgetRunsOut_exit1AndTheTraceSaysWhy() {
        CliRunner.Result r = CliRunner.run("trace", "--arch", "ppc32", "--image", "one-page", "--budget", "100", "-q");
        assertEquals(KexecLab.EXIT_FAILED, r.status(), r.err());
        assertTrue(r.out().contains("# FAILED: the stub did not reach the entry point"), r.out());
    }
}
