package org.kexeclab.arm64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.Map;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Stub;
import org.junit.jupiter.api.Test;

/** The A64 encoder inside the real assembler: forward symbols, .word width, errors. */
class A64AssemblerIntegrationTest {

    private final Assembler assembler = new Assembler(new A64Encoder(), ByteOrder.LITTLE_ENDIAN);

    @Test
    void assemble_immediateDefinedLater_usesItsFinalValue() throws AssemblyException {
        Stub s = assembler.assemble("t.S", "ldr x0, [x1, #OFF]\n.equ OFF, 8\n", 0x1000, Map.of());
        assertArrayEquals(HexFormat.of().parseHex("200440f9"), s.bytes());
    }

    @Test
    void assemble_forwardBranchAndWordDirective_matchGnuAs() throws AssemblyException {
        // aarch64-linux-gnu-as: "b 1f; .word 0x11223344; 1: nop" -> 02000014 44332211 1f2003d5
        Stub s = assembler.assemble("t.S", "b 1f\n.word 0x11223344\n1: nop\n", 0x4000, Map.of());
        assertArrayEquals(HexFormat.of().parseHex("02000014443322111f2003d5"), s.bytes());
    }

    @Test
    void assemble_badBitmask_failsWithLocation() {
        AssemblyException e = assertThrows(AssemblyException.class,
                () -> assembler.assemble("t.S", "nop\nand x0, x1, #0x1234\n", 0, Map.of()));
        assertTrue(e.getMessage().startsWith("t.S:2:"), e.getMessage());
    }
}
