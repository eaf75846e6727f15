package org.kexeclab.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexeclab.asmtest.GoldenCheck;
import org.kexeclab.testkit.GoldenFile;

/**
 * The A32 encoder against GNU as ({@code arm-linux-gnueabihf-as -march=armv7-a}, 2.40):
 * every operand form of the subset under every condition, and the forms as rejects. The
 * golden file and the command that made it are under {@code src/test/resources/golden/arm}.
 */
class A32EncoderGoldenTest {

    private final A32Encoder encoder = new A32Encoder();

    @Test
    void encode_everyForm_matchesGnuAs() {
        List<GoldenFile.Line> lines = GoldenFile.read("/golden/arm/a32-forms.golden");
        assertTrue(lines.size() > 280, "golden file too small: " + lines.size());
        assertEquals(List.of(), GoldenCheck.mismatches(encoder, lines, 0x8000));
    }
}
