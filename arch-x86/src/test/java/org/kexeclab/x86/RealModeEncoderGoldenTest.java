package org.kexeclab.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.testkit.GoldenFile;

/**
 * The 16-bit ({@code .code16}) forms of the x86 encoder, one instruction at a time and as a
 * program of jumps (short, near, and the reset vector's jump that wraps within its 64 KiB
 * segment), byte for byte against GNU as 2.40 (golden data and the command that made it:
 * src/test/resources/golden/x86-16/regen.sh); and what 16-bit code does not have here is refused.
 */
class RealModeEncoderGoldenTest {

    @TestFactory
    Stream<DynamicTest> encode_everyGoldenInstruction_matchesGnuAs16() {
        List<GoldenFile.Line> lines = GoldenFile.read("/golden/x86-16/instructions.golden");
        assertTrue(lines.size() >= 36, "golden file too short: " + lines.size());
        return lines.stream().map(line -> DynamicTest.dynamicTest(line.text(),
                () -> assertEquals(line.hex(), X86Assembly.hex16(line.text()), line.text())));
    }

    @Test
    void assemble_jumpsProgram_matchesGnuAs16AndObjcopy() throws Exception {
        String source = GoldenFile.text("/golden/x86-16/jumps.S");
        byte[] expected = GoldenFile.bytes("/golden/x86-16/jumps.bin");
        byte[] actual = X86Assembly.ASSEMBLER.assemble("jumps.S", source, 0, Map.of()).bytes();
        assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(actual));
    }

    @Test
    void assemble_codeSizes_switchBackAndForthAsGnuAs() throws Exception {
        assertEquals("fa" + "0f20c0" + "4889d8" + "89d8" + "fa", X86Assembly.hex16(
                "cli\nmov eax, cr0\n.code64\nmov rax, rbx\n.code32\nmov eax, ebx\n.code16\ncli"));
        assertEquals("fa" + "40" + "fa", X86Assembly.hex32("cli\ninc eax\n.code16\ncli"));
    }

    @Test
    void encode_formsSixteenBitCodeLacks_areRefusedWithASentence() {
        for (String line : List.of("mov eax, ebx", "lgdt [cs:0x10]", "or eax, ebx", "jmp eax", "ljmpd 0x1000",
                "ret", "mov cr8, eax", "jmp 0x08:0x1000")) {
            AssemblyException e = assertThrows(AssemblyException.class, () -> X86Assembly.hex16(line), line);
            assertTrue(e.getMessage().contains("16-bit"), e.getMessage());
        }
    }

    @Test
    void assemble_alignmentIn16BitCode_isRefusedNotFilledWithWrongNops() {
        AssemblyException e = assertThrows(AssemblyException.class, () -> X86Assembly.hex16("cli\n.balign 4"));
        assertTrue(e.getMessage().contains("padding"), e.getMessage());
    }

    @Test
    void assemble_jumpOutsideTheSegment_isRefused() {
        AssemblyException e = assertThrows(AssemblyException.class,
                () -> X86Assembly.hex16("jmp beyond\n.skip 0x10000\nbeyond: cli"));
        assertTrue(e.getMessage().contains("64 KiB segment"), e.getMessage());
    }
}
