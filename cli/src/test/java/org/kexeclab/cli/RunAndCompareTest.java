package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code run} with the user's own segments, {@code compare}'s columns, {@code demo}, and the progress bar. */
class RunAndCompareTest {
    @TempDir
    Path dir;

    private Path file(String name, int size) throws IOException {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return Files.write(dir.resolve(name), b);
    }

    private static void assertOneSentence(CliRunner.Result r, int status, String words) {
        assertEquals(status, r.status(), r.out() + r.err());
        assertTrue(r.err().contains(words), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void run_ownSegments_verifiedWithTheirPagesCopied() throws IOException {
        Path k = file("kernel.bin", 8192);
        Path d = file("data.bin", 100);
        CliRunner.Result r = CliRunner.run("run", "--arch", "ppc32", "--segment", k + "@0x1000000",
                "--segment", d + "@0x1800000,memsz=0x2000", "--entry", "0x1000000", "--json", "-q");
        assertEquals(0, r.status(), r.err());
        JsonNode n = OutcomeJson.MAPPER.readTree(r.out());
        assertTrue(n.get("verified").asBoolean());
        assertEquals(4, n.get("pagesCopied").asLong(), "2 kernel pages + 2 data pages: every page of memsz is copied, the tail zero-filled");
    }

    @Test
    void run_unreadableSegmentFile_exit2() {
        assertOneSentence(CliRunner.run("run", "--arch", "ppc32", "--segment", dir.resolve("missing.bin") + "@0x1000000",
                "--entry", "0x1000000"), KexecLab.EXIT_USAGE, "cannot read");
    }

    @Test
    void run_overlappingSegments_exit2WithEinval() throws IOException {
        Path k = file("k.bin", 8192);
        assertOneSentence(CliRunner.run("run", "--arch", "ppc32", "--segment", k + "@0x1000000",
                "--segment", k + "@0x1001000", "--entry", "0x1000000"), KexecLab.EXIT_USAGE, "EINVAL");
    }

    @Test
    void run_misalignedSegment_exit2WithEaddrnotavail() throws IOException {
        Path k = file("k.bin", 4096);
        assertOneSentence(CliRunner.run("run", "--arch", "ppc32", "--segment", k + "@0x1000010",
                "--entry", "0x1000010"), KexecLab.EXIT_USAGE, "EADDRNOTAVAIL");
    }

    @Test
    void run_entryOutsideMemory_exit2WithEaddrnotavail() throws IOException {
        Path k = file("k.bin", 4096);
        assertOneSentence(CliRunner.run("run", "--arch", "ppc32", "--segment", k + "@0x1000000",
                "--entry", "0x40000000"), KexecLab.EXIT_USAGE, "not in RAM");
    }

    @Test
    void run_entryOutsideEverySegment_exit1NamingIt() throws IOException {
        Path k = file("k.bin", 4096);
        assertOneSentence(CliRunner.run("run", "--arch", "ppc32", "--segment", k + "@0x1000000",
                "--entry", "0x3000000"), KexecLab.EXIT_FAILED, "outside every segment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"arm64", "arm", "ppc32", "ppc64", "ppc64le"})
    void run_preserveContextWithoutKexecJump_exit2WithTheKernelsEinval(String arch) {
        CliRunner.Result r = CliRunner.run("run", "--arch", arch, "--image", "one-page", "--preserve-context");
        assertOneSentence(r, KexecLab.EXIT_USAGE, "(EINVAL (22)): kexec_load on " + arch
                + " refuses KEXEC_PRESERVE_CONTEXT");
        assertEquals("", r.out());
    }

    @Test
    void run_preserveContextOnX86_64_verifiedThroughTheSwapPage() throws IOException {
        CliRunner.Result r = CliRunner.run("run", "--arch", "x86_64", "--image", "one-page", "--preserve-context",
                "--json", "-q");
        assertEquals(0, r.status(), r.err());
        assertTrue(OutcomeJson.MAPPER.readTree(r.out()).get("verified").asBoolean(), r.out());
    }

    @Test
    void compare_preserveContextOverEveryArch_exit2BeforeAnyRow() {
        CliRunner.Result r = CliRunner.run("compare", "--image", "one-page", "--preserve-context", "-q");
        assertOneSentence(r, KexecLab.EXIT_USAGE, "kexec_load on arm64 refuses KEXEC_PRESERVE_CONTEXT");
        assertEquals("", r.out());
    }

    @Test
    void demo_preserveContext_exit2BeforePrintingAnything() {
        CliRunner.Result r = CliRunner.run("demo", "--preserve-context", "-q");
        assertOneSentence(r, KexecLab.EXIT_USAGE, "kexec_load on arm64 refuses KEXEC_PRESERVE_CONTEXT");
        assertEquals("", r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"arm64", "arm", "ppc32", "ppc64", "ppc64le"})
    void run_entryNotInstructionAligned_exit2SayingTheAlignment(String arch) throws IOException {
        Path k = file("k.bin", 8192);
        assertOneSentence(CliRunner.run("run", "--arch", arch, "--segment", k + "@0x1000000", "--entry", "0x1000002"),
                KexecLab.EXIT_USAGE, "entry must be 4-byte aligned on " + arch + ", and the entry point 0x1000002 is not");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x1000001", "0x1000003"})
    void run_armThumbEntryAtAnOddAddress_verifiedInThumbState(String entry) throws IOException {
        Path k = file("k.bin", 8192);
        CliRunner.Result r = CliRunner.run("run", "--arch", "arm", "--segment", k + "@0x1000000", "--entry", entry,
                "--json", "-q");
        assertEquals(0, r.status(), r.err());
        JsonNode n = OutcomeJson.MAPPER.readTree(r.out());
        assertTrue(n.get("verified").asBoolean(), r.out());
        assertEquals(entry, n.get("entry").asText());
    }

    @Test
    void segments_x86_64EntryAtAnyByte_accepted() throws IOException {
        Path k = file("k.bin", 8192);
        CliRunner.Result r = CliRunner.run("segments", "--arch", "x86_64", "--segment", k + "@0x1000000", "--entry",
                "0x1000003");
        assertEquals(0, r.status(), r.err());
    }

    @Test
    void run_segmentOptionsMisused_exit2Each() throws IOException {
        Path k = file("k.bin", 4096);
        assertOneSentence(CliRunner.run("run", "--arch", "ppc32", "--segment", k + "@0x1000000"),
                KexecLab.EXIT_USAGE, "--segment needs --entry");
        assertOneSentence(CliRunner.run("run", "--arch", "ppc32", "--entry", "0x1000000"),
                KexecLab.EXIT_USAGE, "--entry goes with --segment");
        assertOneSentence(CliRunner.run("run", "--arch", "ppc32", "--image", "demo", "--segment", k + "@0x1000000",
                "--entry", "0x1000000"), KexecLab.EXIT_USAGE, "cannot be used together");
        assertOneSentence(CliRunner.run("run", "--arch", "ppc32", "--segment", k.toString(), "--entry", "0x1000000"),
                KexecLab.EXIT_USAGE, "FILE@ADDR");
        assertOneSentence(CliRunner.run("run", "--arch", "ppc32", "--segment", k + "@0x1000000,size=1",
                "--entry", "0x1000000"), KexecLab.EXIT_USAGE, "only memsz=N");
        assertOneSentence(CliRunner.run("run", "--arch", "ppc32", "--segment", k + "@zz", "--entry", "0x1000000"),
                KexecLab.EXIT_USAGE, "is not a number");
        assertOneSentence(CliRunner.run("run", "--arch", "ppc32", "--image", "huge"), KexecLab.EXIT_USAGE,
                "unknown image 'huge'");
        assertOneSentence(CliRunner.run("run", "--arch", "ppc32", "--image", "small", "--crash"), KexecLab.EXIT_USAGE,
                "--crash goes with the demo image only");
    }

    @Test
    void compare_twoArchitectures_memoryColumnsAndEntryRegistersInOwnNames() {
        CliRunner.Result r = CliRunner.run("compare", "--arch", "ppc32,x86_64", "--image", "small", "-q");
        assertEquals(0, r.status(), r.err());
        String head = r.out().lines().findFirst().orElseThrow();
        for (String col : new String[] {"stub bytes", "instructions", "instr/page", "loads", "stores",
            "bytes written", "engine ms", "verified"}) {
            assertTrue(head.contains(col), head);
        }
        assertTrue(r.out().contains("registers at the new kernel's entry point"), r.out());
        assertTrue(r.out().contains("rip=0x1000000"), r.out());
        assertTrue(r.out().contains("r3=0x0"), r.out());
        assertEquals("", r.err(), "--quiet: nothing on stderr");
    }

    @Test
    void compare_json_storesCountTheCopiedBytes() throws IOException {
        CliRunner.Result r = CliRunner.run("compare", "--arch", "ppc32,ppc64", "--image", "one-page", "--json",
                "--engine", "unicorn", "-q");
        assertEquals(0, r.status(), r.err());
        JsonNode rows = OutcomeJson.MAPPER.readTree(r.out());
        JsonNode ppc32 = rows.get(0);
        assertEquals(4096, ppc32.get("bytesWritten").asLong(), "one page of word stores, nothing else");
        assertEquals(1024, ppc32.get("stores").asLong());
        assertTrue(ppc32.get("loads").asLong() >= 1024, ppc32.toString());
        assertFalse(rows.get(1).get("runnable").asBoolean());
        assertTrue(rows.get(1).get("reason").asText().contains("1779"));
    }

    @Test
    void segments_ownSegment_listsItAndItsEntries() throws IOException {
        Path k = file("k.bin", 4096);
        CliRunner.Result r = CliRunner.run("segments", "--arch", "arm", "--segment", k + "@0x1000000",
                "--entry", "0x1000000");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("segment[0].mem   = 0x1000000"), r.out());
        assertTrue(r.out().contains("SOURCE page"), r.out());
        assertTrue(r.out().contains("DONE"), r.out());
    }

    @Test
    void compare_unknownArchitecture_exit2() {
        assertOneSentence(CliRunner.run("compare", "--arch", "ppc32,vax"), KexecLab.EXIT_USAGE, "vax");
    }

    @Test
    void demo_smallImage_tableThenOnePageCopyExcerpt() {
        CliRunner.Result r = CliRunner.run("demo", "--image", "small", "-q");
        assertEquals(0, r.status(), r.err());
        int table = r.out().indexOf("instr/page");
        int excerpt = r.out().indexOf("One page copy on");
        assertTrue(table > 0 && excerpt > table, r.out());
        String tail = r.out().substring(excerpt);
        assertTrue(tail.contains("SOURCE page"), tail);
        assertTrue(tail.contains("more iterations of the loop"), tail);
        assertTrue(tail.lines().count() < 60, "a short excerpt: " + tail);
    }

    @Test
    void progressBar_stderrATerminal_drawsThereOnlyAndQuietSilencesIt() {
        long saved = ProgressBar.showAfterNanos;
        ProgressBar.showAfterNanos = 0;
        try {
            CliRunner.Result shown = CliRunner.runOnTerminal("run", "--arch", "ppc32", "--image", "small");
            assertEquals(0, shown.status(), shown.err());
            assertTrue(shown.err().contains("\rkexec-lab: relocating on ppc32 ["), shown.err());
            assertTrue(shown.err().contains("/5 pages"), shown.err());
            assertFalse(shown.out().contains("pages ["), "never on stdout");
            CliRunner.Result quiet = CliRunner.runOnTerminal("run", "--arch", "ppc32", "--image", "small", "--quiet");
            assertEquals("", quiet.err());
        } finally {
            ProgressBar.showAfterNanos = saved;
        }
    }

    @Test
    void progressBar_stderrNotATerminal_noFrameEvenForALongRun() {
        long saved = ProgressBar.showAfterNanos;
        ProgressBar.showAfterNanos = 0;
        try {
            for (String[] args : new String[][] {{"run", "--arch", "ppc32", "--image", "small", "--json"},
                {"demo", "--image", "small"}}) {
                CliRunner.Result r = CliRunner.run(args);
                assertEquals(0, r.status(), r.err());
                assertFalse(r.err().contains("\r") || r.err().contains("pages"), "a redirected stderr gets no frames: " + r.err());
            }
        } finally {
            ProgressBar.showAfterNanos = saved;
        }
    }

    @Test
    void progressBar_onATerminal_clearedBeforeTheSummarySoNothingIsGluedToAFrame() throws IOException {
        long saved = ProgressBar.showAfterNanos;
        ProgressBar.showAfterNanos = 0;
        try {
            CliRunner.Result r = CliRunner.runOnTerminal("trace", "--arch", "ppc32", "--image", "small", "--out",
                    dir.resolve("t.txt").toString());
            assertEquals(0, r.status(), r.err());
            assertTrue(r.err().contains("\rkexec-lab: relocating on ppc32 ["), "frames were drawn: " + r.err());
            List<String> screen = TerminalScreen.render(r.err());
            assertEquals(1, screen.size(), "what the terminal shows: " + screen);
            assertTrue(screen.get(0).startsWith("kexec-lab: traced ") && !screen.get(0).contains("pages ["),
                    "the summary alone on its line: " + screen);
        } finally {
            ProgressBar.showAfterNanos = saved;
        }
    }
}
