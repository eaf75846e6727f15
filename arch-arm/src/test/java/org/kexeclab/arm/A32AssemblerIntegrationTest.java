package org.kexeclab.arm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.Map;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.AssemblyException;
import org.junit.jupiter.api.Test;

/** The A32 encoder inside the real assembler: {@code @} comments, {@code ;} separators, .word, local labels. */
class A32AssemblerIntegrationTest {

    private final Assembler assembler = new Assembler(new A32Encoder(), ByteOrder.LITTLE_ENDIAN);

    @Test
    void assemble_commentsSeparatorsWordAndLocalLabel_matchGnuAs() throws AssemblyException {
        // arm-linux-gnueabihf-as -march=armv7-a, same source with ".arm" first:
        // 00f020e3 0100a0e3 44332211 ffffffea 1eff2fe1
        String src = ".arm\nnop; mov r0, #1 @ one\n.word 0x11223344\nb 1f\n1: bx lr\n";
        assertArrayEquals(HexFormat.of().parseHex("00f020e30100a0e344332211ffffffea1eff2fe1"),
                assembler.assemble("t.S", src, 0x8000, Map.of()).bytes());
    }

    @Test
    void assemble_unencodableConstant_failsWithLocation() {
        AssemblyException e = assertThrows(AssemblyException.class,
                () -> assembler.assemble("t.S", "nop\n  mov r0, #0x12345\n", 0, Map.of()));
        assertTrue(e.getMessage().startsWith("t.S:2:"), e.getMessage());
    }
}
