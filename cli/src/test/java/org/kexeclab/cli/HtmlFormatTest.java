package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trace --format html} and {@code compare --format html} through the main entry point:
 * what they refuse, that the page needs nothing from outside the file, and that the options
 * trace takes (a real kernel's load with its purgatory, a kexec -d layout, long runs) reach the
 * page. What the page shows is checked in a browser by {@link ViewerBrowserTest}.
 */
class HtmlFormatTest {
    private static final Path LOG = Path.of("../test-kit/src/main/resources/kexec-logs/x86_64-bzimage.log");
    private static final Pattern HEADER = Pattern.compile(
            "<script type=\"application/json\" id=\"kexec-header\">(.*?)</script>", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void trace_formatHtmlWithoutOut_refusedWithOneSentence() {
        CliRunner.Result r = CliRunner.run("trace", "--arch", "x86_64", "--format", "html");
        assertEquals(2, r.status());
        assertEquals("kexec-lab: --format html writes one file: give --out FILE (or --out - for standard output)\n",
                r.err());
        assertEquals("", r.out());
    }

    @Test
    void compare_formatHtmlWithJson_refusedWithOneSentence() {
        CliRunner.Result r = CliRunner.run("compare", "--format", "html", "--json", "--out", dir.resolve("c.html").toString());
        assertEquals(2, r.status());
        assertEquals("kexec-lab: --format html writes a page: leave out --json and --markdown\n", r.err());
        assertFalse(Files.exists(dir.resolve("c.html")), "nothing written");
    }

    @Test
    void compare_outWithoutFormatHtml_refusedWithOneSentence() {
        CliRunner.Result r = CliRunner.run("compare", "--arch", "x86_64", "--out", dir.resolve("c.txt").toString());
        assertEquals(2, r.status());
        assertEquals("kexec-lab: --out goes with --format html: the table goes to standard output\n", r.err());
    }

    @Test
    void trace_formatHtml_pageFetchesNothingAndSaysItAllWithoutJavaScript() throws IOException {
        Path out = dir.resolve("t.html");
        CliRunner.Result r = CliRunner.run("trace", "--arch", "arm64", "--image", "one-page", "--format", "html",
                "--out", out.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        String page = Files.readString(out);
        for (String outside : List.of("<script src", "<link", " src=\"", " href=\"", "@import", "url(", "fetch(")) {
            assertFalse(page.contains(outside), "the page must not load anything: found " + outside);
        }
        String noscript = page.substring(page.indexOf("<noscript>"), page.indexOf("</noscript>"));
        assertTrue(noscript.contains("verified: 1,001") || noscript.contains("verified: "), noscript);
        assertTrue(noscript.contains("arm64 on unicorn"), noscript);
        JsonNode h = header(page);
        assertEquals(List.of("relocation stub", "entry probe"), roles(h));
        assertEquals(h.get("steps").asLong(), h.get("instructions").asLong(), "a short run keeps every step");
        assertFalse(h.get("folded").asBoolean());
    }

    @Test
    void trace_kernel_pageFollowsTheStubThenThePurgatory() throws IOException {
        Path kernel = dir.resolve("bzImage");
        Files.write(kernel, KernelFiles.bzImage());
        Path out = dir.resolve("k.html");
        CliRunner.Result r = CliRunner.run("trace", "--arch", "x86_64", "--kernel", kernel.toString(), "--format", "html",
                "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode h = header(Files.readString(out));
        assertEquals(List.of("relocation stub", "purgatory"), roles(h));
        assertTrue(h.get("outcome").asText().contains("the purgatory reached the kernel entry"), h.get("outcome").asText());
        assertTrue(r.err().contains("the purgatory reached the kernel entry"), r.err());
        List<String> labels = new ArrayList<>();
        h.get("segments").forEach(s -> labels.add(s.get("label").asText()));
        assertTrue(labels.contains("purgatory"), labels.toString());
    }

    @Test
    void trace_kernel_pageNamesBothLegsWhereTheJsonTraceBeginsThem() throws IOException {
        Path kernel = dir.resolve("bzImage");
        Files.write(kernel, KernelFiles.bzImage());
        Path out = dir.resolve("k.html");
        Path jsonl = dir.resolve("k.jsonl");
        CliRunner.Result r = CliRunner.run("trace", "--kernel", kernel.toString(), "--format", "html",
                "--out", out.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        r = CliRunner.run("trace", "--kernel", kernel.toString(), "--format", "jsonl", "--no-fold",
                "--out", jsonl.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        int purgatoryFirst = firstStepIn(jsonl, "purgatory_x86_64.S:");
        JsonNode legs = header(Files.readString(out)).get("legs");
        assertEquals(2, legs.size(), legs.toString());
        assertEquals("stub", legs.get(0).get("name").asText());
        assertEquals("relocate_kernel_x86_64.S", legs.get(0).get("file").asText());
        assertEquals(0, legs.get(0).get("program").asInt());
        assertEquals(0, legs.get(0).get("start").asLong());
        assertEquals("purgatory", legs.get(1).get("name").asText());
        assertEquals("purgatory_x86_64.S", legs.get(1).get("file").asText());
        assertEquals(1, legs.get(1).get("program").asInt());
        assertEquals("the kernel's entry", legs.get(1).get("untilName").asText());
        assertTrue(purgatoryFirst > 0, "the stub ran first");
        assertEquals(purgatoryFirst, legs.get(1).get("start").asLong(), "the purgatory's leg starts where the jsonl's does");
        assertTrue(legs.get(1).get("describe").asText().startsWith("purgatory (purgatory_x86_64.S) at 0x"),
                legs.get(1).toString());
    }

    @Test
    void trace_builtInImage_pageHasOneLegTheStubs() throws IOException {
        Path out = dir.resolve("one.html");
        CliRunner.Result r = CliRunner.run("trace", "--arch", "x86_64", "--image", "one-page", "--format", "html",
                "--out", out.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        JsonNode legs = header(Files.readString(out)).get("legs");
        assertEquals(1, legs.size(), legs.toString());
        assertEquals("stub", legs.get(0).get("name").asText());
        assertEquals(0, legs.get(0).get("start").asLong());
    }

    /** The number of the first step of a {@code --no-fold} jsonl trace whose source starts with {@code file}. */
    static int firstStepIn(Path jsonl, String file) throws IOException {
        for (String line : Files.readAllLines(jsonl)) {
            JsonNode n = OutcomeJson.MAPPER.readTree(line);
            if (n.has("step") && n.path("source").asText().startsWith(file)) {
                return n.get("step").asInt();
            }
        }
        return -1;
    }

    @Test
    void trace_kernelAsText_endsWithThePurgatorysLeg() throws IOException {
        Path kernel = dir.resolve("bzImage");
        Files.write(kernel, KernelFiles.bzImage());
        CliRunner.Result r = CliRunner.run("trace", "--arch", "x86_64", "--kernel", kernel.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[lines.length - 1].contains("the purgatory reached the kernel entry"), lines[lines.length - 1]);
    }

    @Test
    void trace_crash_pageHoldsTheJumpAndTheProbeOfTheCrashImage() throws IOException {
        Path out = dir.resolve("crash.html");
        CliRunner.Result r = CliRunner.run("trace", "--arch", "ppc32", "--crash", "--format", "html", "--out",
                out.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        JsonNode h = header(Files.readString(out));
        assertTrue(h.get("list").get("head").asText().contains("DONE, nothing to copy"), h.get("list").toString());
        assertEquals(List.of("relocation stub", "entry probe"), roles(h));
        assertTrue(h.get("image").asText().contains("crash variant"), h.get("image").asText());
        assertTrue(h.get("outcome").asText().startsWith("verified: "), h.get("outcome").asText());
    }

    @Test
    void trace_kexecLog_pageReplaysTheLoggedLayout() throws IOException {
        Path out = dir.resolve("log.html");
        CliRunner.Result r = CliRunner.run("trace", "--arch", "x86_64", "--engine", "java", "--kexec-log", LOG.toString(), "--format", "html",
                "--out", out.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        JsonNode h = header(Files.readString(out));
        assertTrue(h.get("image").asText().startsWith("the layout of the kexec -d log"), h.get("image").asText());
        assertTrue(h.get("outcome").asText().startsWith("verified"), h.get("outcome").asText());
    }

    @Test
    void trace_runOverTheLimit_foldsItsLoopsAndSaysWhat() throws IOException {
        Path out = dir.resolve("arm.html");
        CliRunner.Result r = CliRunner.run("trace", "--arch", "arm", "--image", "demo", "--engine", "java",
                "--format", "html", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("kexec-lab: Loops are folded: the run takes more than 2,000,000 instructions"), r.err());
        JsonNode h = header(Files.readString(out));
        assertTrue(h.get("folded").asBoolean());
        assertTrue(h.get("steps").asLong() < h.get("instructions").asLong() / 10, "folding keeps far fewer steps");
        assertEquals(1, h.get("notes").size());
    }

    @Test
    void compare_formatHtmlWithEngines_oneColumnPerEngineAndArchitectureAndWhyOneCannotRun() throws IOException {
        Path out = dir.resolve("engines.html");
        CliRunner.Result r = CliRunner.run("compare", "--arch", "x86_64,ppc64", "--image", "one-page", "--engines",
                "unicorn,java", "--format", "html", "--out", out.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        JsonNode h = header(Files.readString(out));
        List<String> labels = new ArrayList<>();
        h.get("columns").forEach(c -> labels.add(c.get("label").asText()));
        assertEquals(List.of("unicorn:x86_64", "java:x86_64", "unicorn:ppc64", "java:ppc64"), labels);
        assertTrue(h.get("columns").get(2).get("reason").asText().startsWith("not runnable on unicorn"),
                h.get("columns").get(2).toString());
        assertTrue(h.get("columns").get(3).get("verified").asBoolean());
        assertEquals(1, h.get("columns").get(3).get("pagesCopied").asInt());
    }

    @Test
    void trace_noFoldOnARunTooLongForOnePage_refusedWithOneSentence() throws IOException {
        Path segment = dir.resolve("ten-mib.bin");
        Files.write(segment, new byte[10 << 20]);
        Path out = dir.resolve("long.html");
        CliRunner.Result r = CliRunner.run("trace", "--arch", "arm", "--engine", "java", "--segment",
                segment + "@0x1000000", "--entry", "0x1000000", "--no-fold", "--format", "html", "--out", out.toString(),
                "--quiet");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().matches("kexec-lab: --no-fold: this run takes [0-9,]+ instructions, more than the 10,000,000 "
                + "steps one page can hold; leave out --no-fold \\(loops are then folded\\) or record part of it with "
                + "--from and --limit\n"), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    static JsonNode header(String page) throws IOException {
        Matcher m = HEADER.matcher(page);
        assertTrue(m.find(), "the page carries its header");
        assertFalse(m.group(1).contains("<"), "no markup can start inside the data");
        return OutcomeJson.MAPPER.readTree(m.group(1));
    }

    private static List<String> roles(JsonNode h) {
        List<String> out = new ArrayList<>();
        h.get("programs").forEach(p -> out.add(p.get("role").asText()));
        return out;
    }
}
