package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class CliTest {

    @Test
    void run_ppc32Json_verifiedWithTheDocumentedFields() throws Exception {
        CliRunner.Result r = CliRunner.run("run", "--arch", "ppc32", "--json", "--quiet");
        assertEquals(0, r.status(), r.err());
        JsonNode n = OutcomeJson.MAPPER.readTree(r.out());
        assertEquals("ppc32", n.get("arch").asText());
        assertTrue(n.get("engine").asText().startsWith("unicorn"));
        assertTrue(n.get("verified").asBoolean());
        assertTrue(n.get("instructions").asLong() > 0);
        assertEquals(n.get("pagesToCopy").asLong(), n.get("pagesCopied").asLong());
        assertEquals("0x1000000", n.get("entry").asText());
        assertEquals("0x0", n.get("registers").get("r3").asText());
        assertFalse(n.has("failure"));
    }

    @Test
    void run_unknownArch_oneSentenceAndExit2() {
        CliRunner.Result r = CliRunner.run("run", "--arch", "mips");
        assertEquals(KexecLab.EXIT_USAGE, r.status());
        assertTrue(r.err().contains("unknown architecture 'mips'"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void segments_debianArchNames_acceptedAsAliases() {
        CliRunner.Result armhf = CliRunner.run("segments", "--arch", "armhf", "--image", "one-page");
        assertEquals(0, armhf.status(), armhf.err());
        assertTrue(armhf.out().startsWith("DEFAULT image for arm, entry"), armhf.out());
        CliRunner.Result ppc64el = CliRunner.run("segments", "--arch", "ppc64el", "--image", "one-page");
        assertEquals(0, ppc64el.status(), ppc64el.err());
        assertTrue(ppc64el.out().startsWith("DEFAULT image for ppc64le, entry"), ppc64el.out());
    }

    @Test
    void compare_unknownArchInTheList_exit2ListingTheAcceptedNames() {
        CliRunner.Result r = CliRunner.run("compare", "--arch", "arm64,armel");
        assertEquals(KexecLab.EXIT_USAGE, r.status(), r.out() + r.err());
        assertTrue(r.err().contains("unknown architecture 'armel'") && r.err().contains("armhf, powerpc, ppc64el"),
                r.err());
    }

    @Test
    void run_ppc64OnUnicorn_exit1WithTheEngineDefectSentence() {
        CliRunner.Result r = CliRunner.run("run", "--arch", "ppc64", "--engine", "unicorn");
        assertEquals(KexecLab.EXIT_FAILED, r.status(), r.out() + r.err());
        assertTrue(r.err().contains("1779"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void run_ppc64WithoutEngine_runsOnAnEngineThatCanAndVerifies() throws Exception {
        CliRunner.Result r = CliRunner.run("run", "--arch", "ppc64", "--image", "small", "--json", "-q");
        assertEquals(0, r.status(), r.err());
        JsonNode n = OutcomeJson.MAPPER.readTree(r.out());
        assertTrue(n.get("verified").asBoolean());
        assertTrue(n.get("engine").asText().startsWith("java"), n.get("engine").asText());
    }

    @Test
    void run_missingArch_usageErrorExit2() {
        CliRunner.Result r = CliRunner.run("run");
        assertEquals(KexecLab.EXIT_USAGE, r.status());
        assertTrue(r.err().contains("--arch"), r.err());
    }

    @Test
    void asm_ppc32Listing_showsSourceLinesOfTheStub() {
        CliRunner.Result r = CliRunner.run("asm", "--arch", "ppc32", "--listing");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("relocate_kernel_ppc32.S:"), r.out());
    }

    @Test
    void segments_demoImage_describesEveryEntryInWords() {
        CliRunner.Result r = CliRunner.run("segments", "--arch", "ppc32");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("segment[2].memsz = 0x400000"), r.out());
        assertTrue(r.out().contains("SOURCE page"), r.out());
        assertTrue(r.out().contains("DONE"), r.out());
    }

    @Test
    void engines_listsEveryArchitectureWithAVerdict() {
        CliRunner.Result r = CliRunner.run("engines");
        assertEquals(0, r.status(), r.err());
        for (String a : new String[] {"x86_64", "arm64", "arm", "ppc32", "ppc64", "ppc64le"}) {
            assertTrue(r.out().contains(a), a + " missing in " + r.out());
        }
    }

    @Test
    void compare_markdownAndJsonTogether_usageErrorExit2() {
        CliRunner.Result r = CliRunner.run("compare", "--json", "--markdown");
        assertEquals(KexecLab.EXIT_USAGE, r.status());
        assertTrue(r.err().contains("cannot be used together"), r.err());
    }

    @Test
    void version_printsToolAndJava() {
        CliRunner.Result r = CliRunner.run("--version");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("kexec-lab"), r.out());
    }
}
