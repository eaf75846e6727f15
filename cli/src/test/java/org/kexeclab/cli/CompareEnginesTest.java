package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.ppc.PpcArches;
import picocli.CommandLine;

/** {@code compare --engines}: one row per engine:arch, reasons for the rest, and the engines' agreement. */
class CompareEnginesTest {

    private static void assertUsage(CliRunner.Result r, String words) {
        assertEquals(KexecLab.EXIT_USAGE, r.status(), r.out() + r.err());
        assertTrue(r.err().contains(words), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void compare_enginesUnicornJava_rowPerEngineArchAndAgreementLine() {
        CliRunner.Result r = CliRunner.run("compare", "--arch", "ppc32,ppc64", "--engines", "unicorn,java",
                "--image", "one-page", "-q");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(1).startsWith("ppc32") && lines.get(1).contains("unicorn") && lines.get(1).endsWith("yes"), r.out());
        assertTrue(lines.get(2).startsWith("ppc32") && lines.get(2).contains("java") && lines.get(2).endsWith("yes"), r.out());
        assertTrue(lines.get(3).startsWith("ppc64") && lines.get(3).contains("unicorn") && lines.get(3).contains("not run: "), r.out());
        assertTrue(lines.get(4).startsWith("ppc64") && lines.get(4).contains("java") && lines.get(4).endsWith("yes"), r.out());
        assertTrue(r.out().contains("  ppc32    unicorn = java\n"), r.out());
        assertTrue(r.out().contains("  ppc64    java only, nothing to compare (not run on unicorn)\n"), r.out());
        assertTrue(r.out().contains("  ppc32 java "), "entry registers labelled per engine: " + r.out());
    }

    @Test
    void compare_enginesJson_rowsCarryEngineAgreementAndReasons() throws IOException {
        CliRunner.Result r = CliRunner.run("compare", "--arch", "arm,ppc64le", "--engines", "unicorn,java",
                "--image", "one-page", "--json", "-q");
        assertEquals(0, r.status(), r.err());
        JsonNode rows = OutcomeJson.MAPPER.readTree(r.out());
        assertEquals(4, rows.size());
        JsonNode armUnicorn = rows.get(0);
        JsonNode armJava = rows.get(1);
        assertTrue(armUnicorn.get("engine").asText().startsWith("unicorn"), armUnicorn.toString());
        assertTrue(armJava.get("engine").asText().startsWith("java"), armJava.toString());
        assertEquals(armUnicorn.get("instructions").asLong(), armJava.get("instructions").asLong());
        assertEquals(armUnicorn.get("stores").asLong(), armJava.get("stores").asLong());
        assertTrue(armJava.get("enginesAgree").asBoolean(), armJava.toString());
        assertFalse(armJava.has("differences"));
        JsonNode leUnicorn = rows.get(2);
        assertFalse(leUnicorn.get("runnable").asBoolean());
        assertTrue(leUnicorn.get("engine").asText().startsWith("unicorn"), leUnicorn.toString());
        assertTrue(leUnicorn.get("reason").asText().contains("little-endian"), leUnicorn.toString());
        assertFalse(rows.get(3).has("enginesAgree"), "java alone on ppc64le: nothing compared");
    }

    @Test
    void compare_withoutEngines_noAgreementSectionNoLabels() {
        CliRunner.Result r = CliRunner.run("compare", "--arch", "ppc32", "--image", "one-page", "-q");
        assertEquals(0, r.status(), r.err());
        assertFalse(r.out().contains("engines side by side"), r.out());
        assertTrue(r.out().contains("\n  ppc32    r0="), r.out());
    }

    @Test
    void compare_engineAndEngines_usageErrorExit2() {
        assertUsage(CliRunner.run("compare", "--engine", "java", "--engines", "unicorn,java"), "cannot be used together");
    }

    @Test
    void compare_unknownEngineInEngines_usageErrorExit2NamingKnownOnes() {
        assertUsage(CliRunner.run("compare", "--engines", "unicorn,qemu"), "unknown engine 'qemu'");
    }

    @Test
    void agreement_storesDiffer_namesFieldWithEachEngineValue() throws Exception {
        KexecOutcome o = DemoRunner.run(PpcArches.PPC32, oneImage(), null);
        List<EngineAgreement> a = EngineAgreement.of(List.of(row(o, 1024, "unicorn 2.0.1"), row(o, 1023, "java 1.0")));
        assertEquals(1, a.size());
        assertFalse(a.get(0).agree());
        assertEquals(List.of("stores: unicorn 1,024, java 1,023"), a.get(0).differences());
        assertTrue(a.get(0).verdict().startsWith("DIFFER: stores: unicorn 1,024, java 1,023"), a.get(0).verdict());
    }

    @Test
    void agreement_sameOutcomes_agreeAndVerdictJoinsEngines() throws Exception {
        KexecOutcome o = DemoRunner.run(PpcArches.PPC32, oneImage(), null);
        EngineAgreement a = EngineAgreement.of(List.of(row(o, 1024, "unicorn 2.0.1"), row(o, 1024, "java 1.0"))).get(0);
        assertTrue(a.agree() && a.compared());
        assertEquals("unicorn = java", a.verdict());
        assertTrue(EngineAgreement.section(List.of(a), true).contains("| ppc32 | unicorn = java |"));
    }

    private static ImageOptions oneImage() {
        ImageOptions options = new ImageOptions();
        new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("--image", "one-page");
        return options;
    }

    private static ComparisonRow row(KexecOutcome o, long stores, String engine) {
        MemoryStats m = new MemoryStats();
        m.loads = 1024;
        m.stores = stores;
        m.bytesWritten = 4096;
        return new ComparisonRow(o.arch(), o, null, m, engine);
    }
}
