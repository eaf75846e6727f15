package org.kexeclab.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexeclab.asm.Disassembler;
import org.kexeclab.asm.Stub;
import org.kexeclab.testkit.GoldenFile;

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
        List<GoldenFile.Row> rows = GoldenFile.rows("/golden/riscv64-disasm/disasm.golden");
        assertTrue(rows.size() > 300, "rows: " + rows.size());
        List<String> wrong = new ArrayList<>();
        int known = 0;
        for (GoldenFile.Row r : rows) {
            byte[] insn = r.bytes(0);
            Disassembler.Instruction d = new RvDisassembler().decode(insn, 0, AT);
            if (d.length() != insn.length && !(d.length() == 4 && insn.length == 8)) {
                wrong.add(r.field(0) + ": length " + d.length() + ", objdump " + insn.length);
                continue;
            }
            if (d.text().startsWith(".")) {
                continue;
            }
            known++;
            if (!d.text().equals(r.field(1))) {
                wrong.add(r.field(0) + ": objdump '" + r.field(1) + "', mine '" + d.text() + "'");
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(known * 10 >= rows.size() * 8, known + " of " + rows.size() + " forms named");
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
