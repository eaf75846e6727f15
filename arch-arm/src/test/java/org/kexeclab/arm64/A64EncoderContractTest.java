package org.kexeclab.arm64;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Instruction;
import org.kexeclab.asm.SourceLocation;
import org.kexeclab.asmtest.FixedContext;
import org.junit.jupiter.api.Test;

/** A64 errors name the location and say what to do instead; instruction bytes are always little-endian. */
class A64EncoderContractTest {

    private final A64Encoder encoder = new A64Encoder();

    private String message(String mnemonic, String... operands) {
        Instruction ins = new Instruction(mnemonic, List.of(operands), mnemonic + " " + String.join(", ", operands),
                new SourceLocation("s.S", 3, 5));
        return assertThrows(AssemblyException.class, () -> encoder.encode(ins, new FixedContext(0))).getMessage();
    }

    @Test
    void encode_invalidBitmask_explainsTheRule() {
        String m = message("orr", "x0", "x1", "#0x1234");
        assertTrue(m.startsWith("s.S:3:5: ") && m.contains("0x1234") && m.contains("bitmask"), m);
    }

    @Test
    void encode_movOfUnmovableValue_suggestsMovk() {
        assertTrue(message("mov", "x0", "#0x12345678").contains("movz and movk"));
    }

    @Test
    void encode_unknownSystemRegister_listsKnownOnes() {
        assertTrue(message("mrs", "x0", "spsr_el3").contains("sctlr_el1"));
    }

    @Test
    void encode_literalPool_saysItIsUnsupported() {
        assertTrue(message("ldr", "x0", "=0x1234").contains("literal pools"));
    }

    @Test
    void encode_bigEndianDataTarget_instructionBytesStayLittleEndian() throws AssemblyException {
        Instruction nop = new Instruction("nop", List.of(), "nop", new SourceLocation("s.S", 1, 1));
        byte[] got = encoder.encode(nop, new FixedContext(0, java.nio.ByteOrder.BIG_ENDIAN));
        org.junit.jupiter.api.Assertions.assertArrayEquals(java.util.HexFormat.of().parseHex("1f2003d5"), got);
    }
}
