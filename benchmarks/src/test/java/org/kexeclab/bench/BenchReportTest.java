package org.kexeclab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The report generator and SVG writer over a hand-written JMH JSON sample. */
class BenchReportTest {

    private static List<JmhResult> sample() throws IOException, URISyntaxException {
        return JmhResult.read(Path.of(BenchReportTest.class.getResource("/sample-jmh.json").toURI()));
    }

    @Test
    void read_sampleJson_convertsEveryUnitToNanoseconds() throws Exception {
        List<JmhResult> rs = sample();
        assertEquals(8, rs.size());
        assertEquals(1_000_000.0, rs.get(0).nanos(), 1e-6);
        assertEquals(900_000.0, rs.get(3).nanos(), 1e-6);
        assertTrue(Double.isNaN(rs.get(2).errorNanos()));
        assertEquals(1100.0, rs.get(6).secondaryNanos().get("instructions"), 1e-9);
    }

    @Test
    void relocationRow_restoreMeasured_subtractsItForThroughputAndRatio() throws Exception {
        RelocationRow r = RelocationRow.from(sample()).stream().filter(x -> x.pages() == 64).findFirst().orElseThrow();
        assertEquals(990_000.0, r.netNanos(), 1e-6);
        assertEquals(64 * 4096 / 990_000.0 * 1e3, r.megabytesPerSecond(), 1e-9);
        assertEquals(990_000.0 / 64, r.nanosPerPage(), 1e-9);
        assertEquals(1.1, r.bindingRatio(), 1e-12);
        assertEquals(10_000.0, r.hostMegabytesPerSecond(), 1e-6);
    }

    @Test
    void markdown_sample_hasEverySuiteTableWithDerivedColumns() throws Exception {
        String md = new BenchReport(sample()).markdown();
        assertTrue(md.contains("| unicorn:x86_64 | 64 | 1.00 ms | 10.00 us | 990.00 us | 15,469 | 265 | 900.00 us | 291 | 1.100 | 10,000 |"), md);
        assertTrue(md.contains("| unicorn:x86_64 | 1 | 50.00 us | - | 50.00 us |"), md);
        assertTrue(md.contains("| unicorn:ppc32 | 16 | code | 2.20 ms | 1,100 | 1,000 ns | ok (<= 1 us) |"), md);
        assertTrue(md.contains("## AssembleBench"), md);
        assertTrue(md.contains("| assembleStub | arch=ppc32 | 123.40 us | ± 2.00 us |"), md);
    }

    @Test
    void chart_sample_isWellFormedSvgWithOneLinePerSeries() throws Exception {
        String svg = new BenchReport(sample()).chart();
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertEquals(3, doc.getElementsByTagName("polyline").getLength());
        assertTrue(svg.contains("unicorn:x86_64 (C harness)"));
        assertTrue(!svg.contains("NaN"), svg);
    }

    @Test
    void main_sample_writesMarkdownAndSvgFiles(@TempDir Path dir) throws Exception {
        Path json = Path.of(BenchReportTest.class.getResource("/sample-jmh.json").toURI());
        Path header = Files.writeString(dir.resolve("header.md"), "# header\n");
        BenchReport.main(new String[] {dir.toString(), "--header", header.toString(), json.toString(), json.toString()});
        assertTrue(Files.readString(dir.resolve("results.md")).startsWith("# header\n\n## Relocation"));
        assertEquals(16, JmhResult.read(dir.resolve("jmh-results.json")).size());
        assertTrue(Files.readString(dir.resolve("throughput.svg")).endsWith("</svg>\n"));
    }

    @Test
    void read_notAnArray_throwsNamingRfJson(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"benchmark\": 1}");
        IOException e = assertThrows(IOException.class, () -> JmhResult.read(bad));
        assertTrue(e.getMessage().contains("-rf json"));
    }
}
