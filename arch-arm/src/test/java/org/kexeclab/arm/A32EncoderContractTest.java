package org.kexeclab.arm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Instruction;
import org.kexeclab.asm.SourceLocation;
import org.kexeclab.asmtest.FixedContext;
import org.junit.jupiter.api.Test;

/** A32 errors say what to do instead; instruction bytes are always little-endian. */
class A32EncoderContractTest {

    private final A32Encoder encoder = new A32Encoder();

    private String message(String mnemonic, String... operands) {
        Instruction ins = new Instruction(mnemonic, List.of(operands), mnemonic + " " + String.join(", ", operands),
                new SourceLocation("s.S", 7, 2));
        return assertThrows(AssemblyException.class, () -> encoder.encode(ins, new FixedContext(0))).getMessage();
    }

    @Test
    void encode_unifiedSyntaxSuffixOrder_pointsToDividedSyntax() {
        String m = message("addseq", "r0", "r1", "#1");
        assertTrue(m.startsWith("s.S:7:2: ") && m.contains("addeqs"), m);
    }

    @Test
    void encode_unencodableConstant_suggestsMovwMovt() {
        String m = message("mov", "r0", "#0x12345");
        assertTrue(m.contains("0x12345") && m.contains("movw/movt"), m);
    }

    @Test
    void encode_literalPool_saysItIsUnsupported() {
        assertTrue(message("ldr", "r0", "=0x1234").contains("literal pools"));
    }

    @Test
    void encode_bigEndianDataTarget_instructionBytesStayLittleEndian() throws AssemblyException {
        Instruction nop = new Instruction("nop", List.of(), "nop", new SourceLocation("s.S", 1, 1));
        byte[] got = encoder.encode(nop, new FixedContext(0, java.nio.ByteOrder.BIG_ENDIAN));
        org.junit.jupiter.api.Assertions.assertArrayEquals(java.util.HexFormat.of().parseHex("00f020e3"), got);
    }
}
