package org.kexeclab.x86;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.kexeclab.testkit.GoldenFile;

/**
 * Every instruction form the encoder accepts, and whole programs exercising labels, RIP
 * addressing, data directives, alignment filler and branch relaxation, byte for byte
 * against GNU as 2.40 (golden data and the command that made it: src/test/resources/golden/x86_64/regen.sh).
 */
class X86EncoderGoldenTest {

    @TestFactory
    Stream<DynamicTest> encode_everyGoldenInstruction_matchesGnuAs() {
        List<GoldenFile.Line> lines = GoldenFile.read("/golden/x86_64/instructions.golden");
        assertTrue(lines.size() > 900, "golden file too short: " + lines.size());
        return lines.stream().map(line -> DynamicTest.dynamicTest(line.text(),
                () -> assertEquals(line.hex(), X86Assembly.hex(line.text()), line.text())));
    }

    @TestFactory
    Stream<DynamicTest> assemble_goldenPrograms_matchGnuAsAndObjcopy() {
        return Stream.of("branches", "boundary", "cascade", "data").map(name -> DynamicTest.dynamicTest(name, () -> {
            String source = GoldenFile.text("/golden/x86_64/programs/" + name + ".S");
            byte[] expected = GoldenFile.bytes("/golden/x86_64/programs/" + name + ".bin");
            byte[] actual = X86Assembly.ASSEMBLER.assemble(name + ".S", source, 0, Map.of()).bytes();
            assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(actual));
        }));
    }

    @Test
    void assemble_bootCheckFirmwareImage_matchesGnuAsAcrossItsCodeSizes() throws Exception {
        byte[] expected = GoldenFile.bytes("/golden/x86_64/qemu_entry_x86_64.bin");
        byte[] actual = X86Assembly.ASSEMBLER.assembleResource(X86Encoder.class, "qemu/qemu_entry_x86_64.S", 0,
                Map.of("BIOS_BASE", 0xffff0000L, "MAPPED_GIB", 4L)).bytes();
        X86Assembly.assertSameBytes(expected, actual);
    }

    @TestFactory
    Stream<DynamicTest> padding_alignmentFiller_matchesGnuAs() {
        return GoldenFile.text("/golden/x86_64/padding.golden").lines().filter(l -> !l.startsWith("#")).map(line -> {
            String[] f = line.split(" ", 2);
            int n = Integer.parseInt(f[0]);
            return DynamicTest.dynamicTest("filler " + n, () ->
                    assertArrayEquals(HexFormat.of().parseHex(f[1]), new X86Encoder().padding(n)));
        });
    }
}
