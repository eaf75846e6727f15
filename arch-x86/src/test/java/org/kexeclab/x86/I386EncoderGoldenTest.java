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
 * Every 32-bit instruction form the encoder accepts in {@link X86Mode#PROTECTED} code, a whole
 * program with absolute label addresses, a far jump, relaxed branches and data, and the 32-bit
 * alignment filler, byte for byte against GNU as 2.40 {@code --32} (golden data and the command
 * that made it: src/test/resources/golden/i386/regen.sh).
 */
class I386EncoderGoldenTest {

    @TestFactory
    Stream<DynamicTest> encode_everyGoldenInstruction_matchesGnuAs32() {
        List<GoldenFile.Line> lines = GoldenFile.read("/golden/i386/instructions.golden");
        assertTrue(lines.size() > 450, "golden file too short: " + lines.size());
        return lines.stream().map(line -> DynamicTest.dynamicTest(line.text(),
                () -> assertEquals(line.hex(), X86Assembly.hex32(line.text()), line.text())));
    }

    @TestFactory
    Stream<DynamicTest> assemble_goldenPrograms_matchGnuAs32AndObjcopy() {
        return Stream.of("protected").map(name -> DynamicTest.dynamicTest(name, () -> {
            String source = GoldenFile.text("/golden/i386/programs/" + name + ".S");
            byte[] expected = GoldenFile.bytes("/golden/i386/programs/" + name + ".bin");
            byte[] actual = X86Assembly.ASSEMBLER32.assemble(name + ".S", source, 0, Map.of()).bytes();
            assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(actual));
        }));
    }

    @Test
    void assemble_bootCheckFirmwareImage_matchesGnuAsAcrossItsCodeSizes() throws Exception {
        byte[] expected = GoldenFile.bytes("/golden/i386/qemu_entry_i386.bin");
        byte[] actual = X86Assembly.ASSEMBLER32.assembleResource(X86Encoder.class, "qemu/qemu_entry_i386.S", 0,
                Map.of("BIOS_BASE", 0xffff0000L)).bytes();
        X86Assembly.assertSameBytes(expected, actual);
    }

    @TestFactory
    Stream<DynamicTest> padding_alignmentFiller_matchesGnuAs32() {
        return GoldenFile.text("/golden/i386/padding.golden").lines().filter(l -> !l.startsWith("#")).map(line -> {
            String[] f = line.split(" ", 2);
            int n = Integer.parseInt(f[0]);
            return DynamicTest.dynamicTest("filler " + n, () ->
                    assertArrayEquals(HexFormat.of().parseHex(f[1]), new X86Encoder(X86Mode.PROTECTED).padding(n)));
        });
    }
}
