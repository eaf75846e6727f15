package org.kexeclab.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kexeclab.arch.Arches;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.StubSource;
import org.kexeclab.riscv.qemu.Riscv64QemuMachine;
import org.kexeclab.riscv.support.Riscv64Support;

/**
 * What the RV64 encoder refuses where GNU as would rewrite or defer (a branch or jump out of
 * range, li of a value wider than 32 signed bits, li of an address), and that every CSR the
 * riscv64 sources touch is one S-mode may access, so they run in S-mode as the kernel's do.
 */
class RvEncoderTest {
    private final Assembler asm = RiscvRelocateKernel.assembler();

    private AssemblyException refused(String source) {
        return assertThrows(AssemblyException.class, () -> asm.assemble("t", source, 0x1000, Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"beq a0, a1, .+4096", "bnez t0, .-4098", "j .+1048576", "jal ra, .-1048578"})
    void branchOrJump_outOfRange_refusedWithTheDistance(String line) {
        AssemblyException e = refused(line + "\n");
        assertTrue(e.getMessage().contains("out of"), e.getMessage());
    }

    @Test
    void branch_oddTarget_refused() {
        assertTrue(refused("beq a0, a1, .+3\n").getMessage().contains("odd"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"li a0, 0x80000000", "li a0, -0x80000001", "li a0, 0x123456789"})
    void li_widerThan32SignedBits_refused(String line) {
        assertTrue(refused(line + "\n").getMessage().contains("out of range"));
    }

    @Test
    void li_ofALabel_refusedWithAHint() {
        assertTrue(refused("x:\nli a0, x\n").getMessage().contains("la"));
    }

    @Test
    void unknownMnemonic_refusedByName() {
        assertTrue(refused("c.addi a0, 1\n").getMessage().contains("unknown RV64 instruction 'c.addi'"));
    }

    @Test
    void la_resolvesForwardAndBackward() throws Exception {
        byte[] b = asm.assemble("t", "back:\nnop\nla t0, back\nla t1, fwd\nnop\nfwd:\n", 0x1000, Map.of()).bytes();
        assertEquals(24, b.length);
        // auipc t0, 0; addi t0, t0, -4  /  auipc t1, 0; addi t1, t1, 12
        assertEquals(0x00000297, word(b, 4));
        assertEquals(0xffc28293, word(b, 8));
        assertEquals(0x00000317, word(b, 12));
        assertEquals(0x00c30313, word(b, 16));
    }

    /**
     * The sources the old kernel runs (stub, probe, purgatory) are S-mode code. The boot check's
     * QEMU trampoline is not one of them: QEMU runs it in M-mode before the firmware, and it reads
     * {@code mhartid} to enter OpenSBI as QEMU's reset vector does.
     */
    @Test
    void everyKexecSource_touchesOnlyCsrsSupervisorModeMayAccess() throws Exception {
        for (StubSource s : Arches.support(Riscv64Support.ARCH).stubSources()) {
            if (s.name().equals(Riscv64QemuMachine.TRAMPOLINE)) {
                continue;
            }
            byte[] code = s.assemble(0x1000).bytes();
            for (int at = 0; at + 4 <= code.length; at += 4) {
                int w = word(code, at);
                if ((w & 0x7f) == 0x73 && (w >>> 12 & 7) != 0 && (w >>> 12 & 7) != 4) {
                    int csr = w >>> 20;
                    assertTrue(RiscvCsr.privilege(csr) <= 1, String.format("%s at +0x%x: CSR 0x%03x needs M-mode",
                            s.name(), at, csr));
                }
            }
        }
    }

    private static int word(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}
