package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The viewers in a real browser: for every architecture, the page {@code trace --format html}
 * writes is opened in headless Chromium and stepped with the keys, and what it shows is checked
 * against the JSON Lines trace of the same run; {@code compare --format html}'s columns are
 * checked page by page against the same traces. A screenshot per architecture is kept in
 * {@code target/viewer-screenshots/}. Skipped (one sentence) where Chromium is missing.
 */
class ViewerBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "viewer-screenshots");
    private static HeadlessChromium chromium;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBrowser() throws IOException {
        HeadlessChromium.missing().ifPresent(why -> Assumptions.assumeTrue(false, why));
        chromium = HeadlessChromium.start(1600, 1300);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** Every registered architecture, in the registry's order (the compare page's columns). */
    static List<String> architectures() {
        return org.kexeclab.arch.Arches.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void viewer_onePageImage_stepsForwardAndBackAsTheJsonTraceSays(String arch) throws IOException {
        Path html = dir.resolve(arch + ".html");
        Path jsonl = dir.resolve(arch + ".jsonl");
        CliRunner.Result r = CliRunner.run("trace", "--arch", arch, "--image", "one-page", "--format", "html",
                "--out", html.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        r = CliRunner.run("trace", "--arch", arch, "--image", "one-page", "--format", "jsonl", "--no-fold",
                "--out", jsonl.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        JsonTrace trace = JsonTrace.read(jsonl);

        WebDriver d = open(html);
        assertEquals(trace.pagesToCopy(), destinationCells(d, "228,227,221"), "before the copy: every destination page grey");
        int forward = Math.min(57, trace.count() - 1);
        press(d, Keys.ARROW_RIGHT, forward);
        assertShows(d, trace, forward);
        press(d, Keys.ARROW_LEFT, 20);
        assertShows(d, trace, forward - 20);
        scrubToTheEnd(d);
        JsonNode summary = mapSummary(d);
        assertEquals(trace.pagesToCopy(), summary.get("toCopy").asInt(), "destination pages the list copies");
        assertEquals(trace.pagesToCopy(), summary.get("copied").asInt(), "every destination page copied at the end");
        assertEquals(trace.pagesToCopy(), destinationCells(d, "78,121,167"), "every destination page drawn copied");
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(arch + "-one-page.png"),
                ((org.openqa.selenium.TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void viewer_x86_64DemoImage_underFifteenMegabytesEveryDestinationPageCopiedRenderTimesRecorded() throws IOException {
        Path html = dir.resolve("demo.html");
        CliRunner.Result r = CliRunner.run("trace", "--arch", "x86_64", "--image", "demo", "--format", "html",
                "--out", html.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        long size = Files.size(html);
        WebDriver d = open(html);
        double firstOpenMs = Double.parseDouble((String) js(d, "return document.body.dataset.readyMs"));
        d = open(html);   // a second opening: the better of two is what the page costs, not what else ran meanwhile
        double openMs = Math.min(firstOpenMs, Double.parseDouble((String) js(d, "return document.body.dataset.readyMs")));
        long steps = ((Number) js(d, "return KexecViewer.model.steps")).longValue();
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 5; i++) {   // warm up: the first renders compile the page's code
            renderMillis(d, "KexecViewer.go(" + (long) (random.nextDouble() * steps) + ")");
        }
        List<Double> step = new ArrayList<>();
        List<Double> back = new ArrayList<>();
        List<Double> scrub = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            scrub.add(renderMillis(d, "KexecViewer.go(" + (long) (random.nextDouble() * steps) + ")"));
            step.add(renderMillis(d, "KexecViewer.go(KexecViewer.position() + 1)"));
            back.add(renderMillis(d, "KexecViewer.go(KexecViewer.position() - 1)"));
        }
        press(d, Keys.END, 1);
        JsonNode summary = mapSummary(d);
        assertEquals(1106, summary.get("copied").asInt(), "every destination page copied at the end");
        String report = String.format(java.util.Locale.ROOT, "x86_64 demo image: %,d steps, file %,d bytes, ready "
                + "%.0f ms after navigation (better of two); ms from the action to the next painted frame, "
                + "best/median/worst of 20: step %.1f/%.1f/%.1f, step back %.1f/%.1f/%.1f, scrub %.1f/%.1f/%.1f%n",
                steps, size, openMs, min(step), median(step), max(step), min(back), median(back), max(back),
                min(scrub), median(scrub), max(scrub));
        Files.createDirectories(SCREENSHOTS);
        Files.writeString(SCREENSHOTS.resolve("x86_64-demo-measurements.txt"), report);
        System.out.print(report);
        // The size is a property of the file and is held to its limit; the times are measurements,
        // written beside the screenshots and quoted in docs/TRACES.md, never asserted: on a shared
        // machine they measure whatever else runs (the medians went from 12 to 106 ms as the load
        // average went from 2 to 29).
        assertTrue(size < 15_000_000, report);
        assertTrue(openMs > 0 && min(step) > 0 && min(back) > 0 && min(scrub) > 0, "every kind of render was timed: "
                + report);
    }

    @Test
    void viewer_kernel_bannerNamesTheLegAndTheKeyJumpsToThePurgatorysFirstStep() throws IOException {
        Path kernel = dir.resolve("bzImage");
        Files.write(kernel, KernelFiles.bzImage());
        Path html = dir.resolve("kernel.html");
        Path jsonl = dir.resolve("kernel.jsonl");
        CliRunner.Result r = CliRunner.run("trace", "--kernel", kernel.toString(), "--format", "html",
                "--out", html.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        r = CliRunner.run("trace", "--kernel", kernel.toString(), "--format", "jsonl", "--no-fold",
                "--out", jsonl.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        JsonTrace trace = JsonTrace.read(jsonl);
        int purgatory = HtmlFormatTest.firstStepIn(jsonl, "purgatory_x86_64.S:");
        assertTrue(purgatory > 0, "the jsonl trace reaches the purgatory");

        WebDriver d = open(html);
        WebElement banner = d.findElement(By.id("leg"));
        assertTrue(banner.isDisplayed(), "a run of two legs shows the banner");
        assertTrue(banner.getText().startsWith("leg 1 of 2: stub (relocate_kernel_x86_64.S) at 0x"), banner.getText());
        press(d, "l", 1);
        assertEquals(String.valueOf(purgatory), position(d), "l goes to the purgatory's first step");
        assertTrue(banner.getText().startsWith("leg 2 of 2: purgatory (purgatory_x86_64.S) at 0x"), banner.getText());
        assertShows(d, trace, purgatory);
        assertEquals("purgatory: purgatory_x86_64.S",
                d.findElement(By.cssSelector("#source-tabs button.shown")).getText(), "the purgatory's listing is shown");
        press(d, Keys.ARROW_LEFT, 1);
        assertTrue(banner.getText().startsWith("leg 1 of 2: stub"), "one step back is the stub's: " + banner.getText());
        assertShows(d, trace, purgatory - 1);
        press(d, Keys.HOME, 1);
        d.findElement(By.id("next-leg")).click();
        assertEquals(String.valueOf(purgatory), position(d), "the button goes where the key does");
        press(d, "l", 1);
        assertEquals(d.findElement(By.id("scrubber")).getAttribute("max"), position(d), "after the last leg: the end");
        Files.createDirectories(SCREENSHOTS);
        js(d, "KexecViewer.go(arguments[0])", purgatory);
        Files.write(SCREENSHOTS.resolve("x86_64-kernel-purgatory-leg.png"),
                ((org.openqa.selenium.TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void viewer_builtInImage_noLegBannerNorLegButton() throws IOException {
        Path html = dir.resolve("one.html");
        CliRunner.Result r = CliRunner.run("trace", "--arch", "x86_64", "--image", "one-page", "--format", "html",
                "--out", html.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        WebDriver d = open(html);
        assertTrue(!d.findElement(By.id("leg")).isDisplayed(), "one leg needs no banner");
        assertTrue(!d.findElement(By.id("next-leg")).isDisplayed(), "nor a button to the next");
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    @Test
    void viewer_x86_64OnePage_foldsJumpsAndHexViewAgreeWithTheTracesAndTheOracle() throws Exception {
        Path html = dir.resolve("x.html");
        Path jsonl = dir.resolve("x.jsonl");
        Path text = dir.resolve("x.txt");
        for (String[] f : new String[][] {{"html", html.toString()}, {"text", text.toString()}}) {
            CliRunner.Result r = CliRunner.run("trace", "--arch", "x86_64", "--image", "one-page", "--format", f[0],
                    "--out", f[1], "--quiet");
            assertEquals(0, r.status(), r.err());
        }
        CliRunner.Result r = CliRunner.run("trace", "--arch", "x86_64", "--image", "one-page", "--format", "jsonl",
                "--no-fold", "--out", jsonl.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        JsonTrace trace = JsonTrace.read(jsonl);
        WebDriver d = open(html);
        assertPageCopyAndEntryPointKeys(d, trace);
        assertFoldReadsAsTheTextTraceAndOpens(d, Files.readAllLines(text).stream()
                .filter(l -> l.contains("more iterations")).findFirst().orElseThrow());
        assertSourceLineClicksGoToItsRuns(d, trace);

        // at the end, the destination page's bytes in the hex view are the oracle's
        press(d, Keys.END, 1);
        long destination = org.kexeclab.kexec.DemoImage.KERNEL;
        clickPage(d, destination / 4096);
        byte[] want = new byte[4096];
        onePage("x86_64").oracle().expectedBytes(destination, want, 0, want.length);
        assertEquals(hexDump(destination, want), d.findElement(By.id("hex")).getText().strip());
        assertTrue(d.findElement(By.id("hex-title")).getText().startsWith("0x1000000: destination page 0 of segment 0"),
                d.findElement(By.id("hex-title")).getText());
    }

    /** Next page copy: just after the stub read the SOURCE entry; entry point: after the stub's last step. */
    private static void assertPageCopyAndEntryPointKeys(WebDriver d, JsonTrace trace) {
        press(d, Keys.HOME, 1);
        press(d, "]", 1);
        int source = 0;
        while (!(trace.steps().get(source).has("entry")
                && trace.steps().get(source).get("entry").get("kind").asText().equals("SOURCE"))) {
            source++;
        }
        assertEquals(String.valueOf(source + 1), position(d));
        press(d, "e", 1);
        assertEquals(String.valueOf(trace.count()), position(d), "the entry probe's first step follows the stub's last");
        press(d, "[", 1);
        assertEquals(String.valueOf(source + 1), position(d), "back to the page copy");
    }

    /** The fold the position stands in reads as the text trace's {@code foldLine} and opens on a click. */
    private static void assertFoldReadsAsTheTextTraceAndOpens(WebDriver d, String foldLine) {
        press(d, Keys.ARROW_RIGHT, 20);   // into the page's copy loop: the steps pane shows its fold
        WebElement fold = d.findElement(By.cssSelector("#steps .row.fold.current"));
        assertEquals(foldLine.strip(), fold.getText().replace("[click to open]", "").strip());
        int height = spacerHeight(d);
        fold.click();
        int folded = Integer.parseInt(foldLine.replaceAll(".*\\(([0-9,]+) instructions\\).*", "$1").replace(",", ""));
        assertEquals(height + (folded - 1) * 18, spacerHeight(d), "the open fold shows each of its steps on a line");
    }

    private static int spacerHeight(WebDriver d) {
        return Integer.parseInt(((String) js(d, "return document.getElementById('steps-spacer').style.height")).replace("px", ""));
    }

    /** A click on a source line goes to its next run from the position, shift-click to its previous. */
    private static void assertSourceLineClicksGoToItsRuns(WebDriver d, JsonTrace trace) {
        String line = busiestLineRunningAtMost(trace, 3);
        List<Integer> runs = new ArrayList<>();
        for (int i = 0; i < trace.count(); i++) {
            if (trace.source(i).equals(line)) {
                runs.add(i);
            }
        }
        press(d, Keys.HOME, 1);
        WebElement src = d.findElement(By.cssSelector("#source .src[data-line='" + line.substring(line.indexOf(':') + 1) + "']"));
        src.click();
        assertEquals(String.valueOf(runs.get(0)), position(d));
        src.click();
        assertEquals(String.valueOf(runs.get(1)), position(d));
        new Actions(d).keyDown(Keys.SHIFT).click(src).keyUp(Keys.SHIFT).perform();
        assertEquals(String.valueOf(runs.get(0)), position(d));
    }

    @Test
    void viewer_foldedLongRun_opensShowsItsFoldsAndEndsWithTheOraclesBytes() throws Exception {
        Path html = dir.resolve("arm-demo.html");
        CliRunner.Result r = CliRunner.run("trace", "--arch", "arm", "--image", "demo", "--engine", "java",
                "--format", "html", "--out", html.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        WebDriver d = open(html);
        press(d, "]", 3);   // the third page copy: its copy loop is a step folded when recorded
        press(d, Keys.ARROW_RIGHT, 12);
        List<String> folds = d.findElements(By.cssSelector("#steps .row")).stream().map(WebElement::getText)
                .filter(t -> t.contains("folded when recorded")).toList();
        assertTrue(!folds.isEmpty() && folds.get(0).matches(".* \\.\\.\\. folded when recorded: [0-9,]+ iterations of the "
                + "loop in copy_word \\([0-9,]+ instructions\\).*"), folds.toString());
        press(d, Keys.END, 1);
        JsonNode summary = mapSummary(d);
        assertEquals(1106, summary.get("copied").asInt(), "every destination page copied at the end");
        long destination = org.kexeclab.kexec.DemoImage.INITRD + 7 * 4096;
        clickPage(d, destination / 4096);
        org.kexeclab.kexec.MachineKexec machine = org.kexeclab.arch.Arches.support(org.kexeclab.arch.Arches.byName("arm")).machineKexec();
        ImageOptions options = new ImageOptions();
        options.image = "demo";
        options.placement = org.kexeclab.image.Placement.SCATTER;
        byte[] want = new byte[4096];
        DemoRunner.load(machine, options, "demo").oracle().expectedBytes(destination, want, 0, want.length);
        assertEquals(hexDump(destination, want), d.findElement(By.id("hex")).getText().strip());
    }

    /** The source line ("file:line") run most often, but at most {@code most} and at least twice, by the trace. */
    private static String busiestLineRunningAtMost(JsonTrace trace, int most) {
        Map<String, Integer> runs = new java.util.LinkedHashMap<>();
        for (int i = 0; i < trace.count(); i++) {
            runs.merge(trace.source(i), 1, Integer::sum);
        }
        return runs.entrySet().stream().filter(e -> e.getValue() >= 2 && e.getValue() <= most)
                .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static String position(WebDriver d) {
        return d.findElement(By.id("position")).getAttribute("data-step");
    }

    /** Clicks page {@code number}'s cell on the memory map canvas. */
    private static void clickPage(WebDriver d, long number) {
        WebElement canvas = d.findElement(By.id("map"));
        Map<?, ?> cell = (Map<?, ?>) js(d, "return KexecViewer.cellOf(arguments[0])", number);
        double x = ((Number) cell.get("x")).doubleValue() + ((Number) cell.get("size")).doubleValue() / 2;
        double y = ((Number) cell.get("y")).doubleValue() + ((Number) cell.get("size")).doubleValue() / 2;
        int w = canvas.getRect().getWidth();
        int h = canvas.getRect().getHeight();
        new Actions(d).moveToElement(canvas, (int) Math.floor(x - w / 2.0), (int) Math.floor(y - h / 2.0)).click().perform();
    }

    /** The hex view's text for a page: address, 16 bytes in two groups of 8. */
    private static String hexDump(long base, byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (int off = 0; off < bytes.length; off += 16) {
            b.append(String.format("%010x ", base + off));
            for (int j = 0; j < 16; j++) {
                b.append(j == 8 ? "  " : " ").append(String.format("%02x", bytes[off + j] & 0xff));
            }
            b.append('\n');
        }
        return b.toString().strip();
    }

    private static org.kexeclab.image.LoadedImage onePage(String arch) throws Exception {
        org.kexeclab.kexec.MachineKexec machine = org.kexeclab.arch.Arches.support(org.kexeclab.arch.Arches.byName(arch)).machineKexec();
        ImageOptions options = new ImageOptions();
        options.image = "one-page";
        options.placement = org.kexeclab.image.Placement.SCATTER;
        return DemoRunner.load(machine, options, "one-page");
    }

    @Test
    void compareViewer_onePageImage_eachColumnsStepsPerPageAreItsTracesSplitAtTheCopy() throws Exception {
        Path html = dir.resolve("compare.html");
        CliRunner.Result r = CliRunner.run("compare", "--image", "one-page", "--format", "html", "--out", html.toString(),
                "--quiet");
        assertEquals(0, r.status(), r.err());
        WebDriver d = open(html);
        List<WebElement> columns = d.findElements(By.cssSelector("#columns .column"));
        assertEquals(architectures(),
                columns.stream().map(c -> c.getAttribute("data-label")).toList());
        Map<String, long[]> shown = new HashMap<>();
        for (int page = 0; page <= 1; page++) {
            assertEquals(String.valueOf(page), d.findElement(By.id("position")).getAttribute("data-page"));
            for (WebElement c : d.findElements(By.cssSelector("#columns .column"))) {
                long steps = Long.parseLong(c.findElement(By.cssSelector(".stats b")).getAttribute("data-steps"));
                shown.computeIfAbsent(c.getAttribute("data-label"), k -> new long[2])[page] = steps;
            }
            press(d, Keys.ARROW_RIGHT, 1);
        }
        for (String arch : shown.keySet()) {
            Path jsonl = dir.resolve(arch + "-compare.jsonl");
            r = CliRunner.run("trace", "--arch", arch, "--image", "one-page", "--format", "jsonl", "--no-fold",
                    "--out", jsonl.toString(), "--quiet");
            assertEquals(0, r.status(), r.err());
            JsonTrace trace = JsonTrace.read(jsonl);
            String copyPage = Text.hex(copyPageAddress(arch));
            int before = 0;
            while (!trace.steps().get(before).get("pc").asText().equals(copyPage)) {
                before++;
            }
            assertEquals(before, shown.get(arch)[0], arch + ": steps before the first page copy");
            assertEquals(trace.count() - before, shown.get(arch)[1], arch + ": steps from the copy to the end");
        }
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve("compare-one-page.png"),
                ((org.openqa.selenium.TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
    }

    /** Where the stub of {@code arch} starts each page copy, as prepared for the one-page image. */
    private static long copyPageAddress(String arch) throws Exception {
        org.kexeclab.kexec.MachineKexec machine = org.kexeclab.arch.Arches.support(org.kexeclab.arch.Arches.byName(arch)).machineKexec();
        org.kexeclab.image.LoadedImage loaded = onePage(arch);
        try (org.kexeclab.kexec.KexecRun run = org.kexeclab.kexec.KexecRun.prepare(machine, loaded,
                org.kexeclab.kexec.KexecOptions.defaults(), ImageOptions.cpuEngine(null, machine.arch()))) {
            return run.launch().stub().symbol("kexec_copy_page");
        }
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length == 0 ? 0 : (v[(v.length - 1) / 2] + v[v.length / 2]) / 2;
    }

    /**
     * Milliseconds from running {@code action} in the page until the frame that shows it has
     * been painted (the next animation frame, then a task after it).
     */
    private static double renderMillis(WebDriver d, String action) {
        Object ms = ((JavascriptExecutor) d).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "const t0 = performance.now();" + action + ";"
                + "requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));");
        return ((Number) ms).doubleValue();
    }

    private static WebDriver open(Path html) {
        WebDriver d = chromium.driver();
        d.get(html.toUri().toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (js(d, "return document.body.dataset.ready") == null && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals("true", js(d, "return document.body.dataset.ready"), "the page opened");
        return d;
    }

    /** Drags the scrubber's thumb to its right end, as a mouse would; the page must stand at the end. */
    private static void scrubToTheEnd(WebDriver d) {
        WebElement scrubber = d.findElement(By.id("scrubber"));
        int width = scrubber.getRect().getWidth();
        new Actions(d).moveToElement(scrubber, -width / 2 + 4, 0).clickAndHold().moveByOffset(width - 8, 0).release()
                .perform();
        assertEquals(scrubber.getAttribute("max"), position(d), "the scrubber dragged to its end");
    }

    private static void press(WebDriver d, CharSequence key, int times) {
        Actions a = new Actions(d);
        for (int i = 0; i < times; i++) {
            a.sendKeys(key);
        }
        a.perform();
    }

    /** The page at position {@code n}: the step counter, the current source line and every register. */
    private static void assertShows(WebDriver d, JsonTrace trace, int n) {
        assertEquals(String.valueOf(n), d.findElement(By.id("position")).getAttribute("data-step"), "position");
        WebElement line = d.findElement(By.cssSelector("#source .src.current"));
        assertEquals(trace.source(n), line.getAttribute("data-file") + ":" + line.getAttribute("data-line"),
                "highlighted source line at step " + n);
        Map<String, Long> want = trace.registersBefore(n);
        for (WebElement cell : d.findElements(By.cssSelector("#registers td.value"))) {
            String name = cell.getAttribute("data-register");
            assertTrue(want.containsKey(name), "the JSON trace follows " + name);
            assertEquals(Long.toHexString(want.get(name)), cell.getText().substring(2), name + " at step " + n);
        }
        assertEquals(want.size(), d.findElements(By.cssSelector("#registers td.value")).size(), "every followed register");
        java.util.Set<String> lit = new java.util.TreeSet<>();
        for (WebElement cell : d.findElements(By.cssSelector("#registers td.value"))) {
            if (cell.getCssValue("background-color").equals("rgba(255, 210, 122, 1)")) {
                lit.add(cell.getAttribute("data-register"));
            }
        }
        java.util.Set<String> changed = new java.util.TreeSet<>();
        trace.steps().get(n - 1).get("registers").fieldNames().forEachRemaining(changed::add);
        assertEquals(changed, lit, "the registers step " + (n - 1) + " changed are lit, no others");
    }

    /** How many of the map's destination pages have their cell drawn in colour {@code rgb} ("r,g,b"). */
    private static int destinationCells(WebDriver d, String rgb) {
        return ((Number) js(d, "const map = KexecViewer.map, ctx = map.canvas.getContext('2d'), r = window.devicePixelRatio || 1;"
                + "let n = 0; for (const page of map.toCopy) { const c = KexecViewer.cellOf(page);"
                + "const px = ctx.getImageData(Math.floor((c.x + 1) * r), Math.floor((c.y + 1) * r), 1, 1).data;"
                + "if ([px[0], px[1], px[2]].join(',') === arguments[0]) n++; } return n;", rgb)).intValue();
    }

    private static JsonNode mapSummary(WebDriver d) throws IOException {
        String json = (String) js(d, "const s = document.getElementById('map-summary').dataset;"
                + "return JSON.stringify({copied: Number(s.copied), toCopy: Number(s.toCopy)});");
        return OutcomeJson.MAPPER.readTree(json);
    }

    static Object js(WebDriver d, String script, Object... args) {
        return ((JavascriptExecutor) d).executeScript(script, args);
    }

    /** A {@code trace --format jsonl --no-fold} file: every step's source line and register changes. */
    record JsonTrace(Map<String, Long> initial, List<JsonNode> steps, int pagesToCopy) {
        static JsonTrace read(Path file) throws IOException {
            List<JsonNode> steps = new ArrayList<>();
            Map<String, Long> initial = new HashMap<>();
            int pages = -1;
            for (String line : Files.readAllLines(file)) {
                JsonNode n = OutcomeJson.MAPPER.readTree(line);
                if (n.has("trace")) {
                    n.get("trace").get("registers").fields().forEachRemaining(e -> initial.put(e.getKey(), value(e.getValue())));
                    pages = n.get("trace").get("pagesToCopy").asInt();
                } else if (n.has("step")) {
                    assertEquals(steps.size(), n.get("step").asInt(), "--no-fold lists every step");
                    steps.add(n);
                }
            }
            return new JsonTrace(initial, steps, pages);
        }

        int count() {
            return steps.size();
        }

        String source(int n) {
            return steps.get(n).get("source").asText();
        }

        /** The registers before step {@code n} runs: the header's, changed by steps 0 .. n-1. */
        Map<String, Long> registersBefore(int n) {
            Map<String, Long> r = new HashMap<>(initial);
            for (int i = 0; i < n; i++) {
                steps.get(i).get("registers").fields().forEachRemaining(e -> r.put(e.getKey(), value(e.getValue())));
            }
            return r;
        }

        private static long value(JsonNode hex) {
            return Long.parseUnsignedLong(hex.asText().substring(2), 16);
        }
    }
}
