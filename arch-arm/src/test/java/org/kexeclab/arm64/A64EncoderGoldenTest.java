package org.kexeclab.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexeclab.asmtest.GoldenCheck;
import org.kexeclab.testkit.GoldenFile;

/**
 * The A64 encoder against GNU as ({@code aarch64-linux-gnu-as} 2.40): every operand form
 * of the subset, and every 64-bit and 32-bit logical immediate pattern plus thousands of
 * invalid candidates. The golden files and the command that made them are under
 * {@code src/test/resources/golden/arm64}.
 */
class A64EncoderGoldenTest {

    private final A64Encoder encoder = new A64Encoder();

    @Test
    void encode_everyForm_matchesGnuAs() {
        List<GoldenFile.Line> lines = GoldenFile.read("/golden/arm64/a64-forms.golden");
        assertTrue(lines.size() > 300, "golden file too small: " + lines.size());
        List<String> bad = GoldenCheck.mismatches(encoder, lines, 0x1000);
        assertEquals(List.of(), bad);
    }

    @Test
    void encode_logicalImmediates_acceptExactlyWhatGnuAsAccepts() {
        List<GoldenFile.Line> lines = GoldenFile.read("/golden/arm64/logical-imm.golden");
        long valid = lines.stream().filter(l -> !l.isError()).count();
        assertEquals(5334 + 1302, valid, "the golden file should hold every 64- and 32-bit bitmask pattern");
        assertTrue(lines.size() - valid > 4000, "too few invalid candidates");
        List<String> bad = GoldenCheck.mismatches(encoder, lines, 0);
        assertEquals(List.of(), bad.size() > 20 ? bad.subList(0, 20) : bad, bad.size() + " mismatches");
    }
}
