package org.kexeclab.riscv.interp;

import org.kexeclab.engine.interp.Step;

/**
 * The SYSTEM opcode on an {@link RvCore}: {@code ecall} and the six Zicsr instructions. A CSR
 * instruction reads its CSR unless it is {@code csrrw[i]} with rd = x0, and writes it unless it
 * is {@code csrrs[i]}/{@code csrrc[i]} with rs1 = x0 (or uimm = 0); an access to a CSR the hart
 * does not implement, or a write to a read-only one, is an invalid instruction.
 */
final class RvSystem {
    private static final int ECALL = 0x00000073;

    private RvSystem() {
    }

    static int execute(RvCore c, int w, int rd, int f3, int rs1, long pc) {
        if (f3 == 0) {
            if (w != ECALL) {
                return Step.INVALID;
            }
            c.exception = RvCore.EXCP_ECALL;
            c.pc = pc + 4;
            return Step.EXCEPTION;
        }
        if (f3 == 4) {
            return Step.INVALID;
        }
        int csr = w >>> 20;
        int kind = f3 & 3;
        long source = f3 >= 5 ? rs1 : c.x[rs1];
        boolean writes = kind == 1 || rs1 != 0;
        if (!RvExecute.csrAllowed(csr, writes)) {
            return Step.INVALID;
        }
        long old = kind == 1 && rd == 0 ? 0 : c.csr.read(csr);
        if (writes) {
            long v = kind == 1 ? source : kind == 2 ? old | source : old & ~source;
            c.csr.write(csr, v);
        }
        c.set(rd, old);
        c.pc = pc + 4;
        return Step.END_BLOCK;
    }
}
