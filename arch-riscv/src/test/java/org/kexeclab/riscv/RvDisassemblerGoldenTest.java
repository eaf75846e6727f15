package org.kexeclab.riscv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kexeclab.asm.Disassembler;
import org.kexeclab.asm.Stub;
import org.kexeclab.testkit.ObjdumpGolden;

/**
 * {@link RvDisassembler} against GNU objdump (golden/riscv64-disasm/disasm.golden: the encoder's
 * 4-byte forms and a relocation routine's forms assembled with the C extension): every length
 * as objdump's (a row GNU as expands to two instructions, {@code li} as {@code lui} +
 * {@code addiw}, is checked by its first, which is what objdump's row shows), every form it names
 * in objdump's text, at least 80% of the forms named; and the shipped stub listed with no form left
 * unnamed.
 */
class RvDisassemblerGoldenTest {
    private static final long AT = 0x1000;

    @Test
    void decode_everyGnuForm_objdumpsTextOrBytes() {
        // objdump reads some 8-byte rows (a pair GNU as emitted for one pseudo-instruction) as one
        ObjdumpGolden.assertMatches("/golden/riscv64-disasm/disasm.golden", new RvDisassembler(), AT, ".", 301, 80,
                (mine, objdumps) -> mine.equals(objdumps) || mine == 4 && objdumps == 8);
    }

    @Test
    void decode_shippedStub_everyInstructionNamed() throws Exception {
        Stub stub = RiscvRelocateKernel.assemble(0x80100000L);
        Disassembler d = new RvDisassembler();
        byte[] code = stub.bytes();
        int end = (int) (stub.symbol("riscv64_relocate_new_kernel_end") - stub.origin());
        for (int i = 0; i < end; ) {
            Disassembler.Instruction insn = d.decode(code, i, stub.origin() + i);
            assertTrue(!insn.text().startsWith("."), String.format("+0x%x: %s", i, insn.text()));
            i += insn.length();
        }
    }
}
