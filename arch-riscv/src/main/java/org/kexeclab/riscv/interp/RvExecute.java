package org.kexeclab.riscv.interp;

import static org.kexeclab.riscv.RvFormat.immB;
import static org.kexeclab.riscv.RvFormat.immI;
import static org.kexeclab.riscv.RvFormat.immJ;
import static org.kexeclab.riscv.RvFormat.immS;
import static org.kexeclab.riscv.RvFormat.immU;

import org.kexeclab.engine.interp.Step;
import org.kexeclab.riscv.RiscvCsr;
import org.kexeclab.riscv.RvFormat;

/**
 * Decodes and executes one RV64 instruction word on an {@link RvCore}. A load or store does its
 * memory access before it writes a register, so a fault (thrown by the bus) changes nothing and
 * leaves the pc on the instruction; an encoding outside RV64IM + Zicsr + Zifencei returns
 * {@link Step#INVALID} with nothing changed.
 */
final class RvExecute {
    private RvExecute() {
    }

    static int execute(RvCore c, int w, long pc) {
        int rd = w >>> 7 & 31;
        int f3 = w >>> 12 & 7;
        int rs1 = w >>> 15 & 31;
        int rs2 = w >>> 20 & 31;
        switch (w & 0x7f) {
            case RvFormat.LOAD: return load(c, w, rd, f3, rs1, pc);
            case RvFormat.STORE: return store(c, w, f3, rs1, rs2, pc);
            case RvFormat.OP_IMM: return opImm(c, w, rd, f3, rs1, pc);
            case RvFormat.OP_IMM_32: return opImm32(c, w, rd, f3, rs1, pc);
            case RvFormat.OP: return op(c, w, rd, f3, rs1, rs2, pc);
            case RvFormat.OP_32: return op32(c, w, rd, f3, rs1, rs2, pc);
            case RvFormat.LUI: return next(c, rd, immU(w), pc);
            case RvFormat.AUIPC: return next(c, rd, pc + immU(w), pc);
            case RvFormat.JAL:
                c.set(rd, pc + 4);
                c.pc = pc + immJ(w);
                return Step.END_BLOCK;
            case RvFormat.JALR: return jalr(c, w, rd, f3, rs1, pc);
            case RvFormat.BRANCH: return branch(c, w, f3, rs1, rs2, pc);
            case RvFormat.MISC_MEM: return fence(c, f3, pc);
            case RvFormat.SYSTEM: return RvSystem.execute(c, w, rd, f3, rs1, pc);
            default: return Step.INVALID;
        }
    }

    static int next(RvCore c, int rd, long value, long pc) {
        c.set(rd, value);
        c.pc = pc + 4;
        return Step.NEXT;
    }

    private static int load(RvCore c, int w, int rd, int f3, int rs1, long pc) {
        long a = c.x[rs1] + immI(w);
        long v;
        switch (f3) {
            case 0: v = (byte) c.bus.load8(a); break;
            case 1: v = (short) c.bus.load16(a); break;
            case 2: v = c.bus.load32(a); break;
            case 3: v = c.bus.load64(a); break;
            case 4: v = c.bus.load8(a) & 0xffL; break;
            case 5: v = c.bus.load16(a) & 0xffffL; break;
            case 6: v = c.bus.load32(a) & 0xffff_ffffL; break;
            default: return Step.INVALID;
        }
        return next(c, rd, v, pc);
    }

    private static int store(RvCore c, int w, int f3, int rs1, int rs2, long pc) {
        long a = c.x[rs1] + immS(w);
        long v = c.x[rs2];
        switch (f3) {
            case 0: c.bus.store8(a, (int) v); break;
            case 1: c.bus.store16(a, (int) v); break;
            case 2: c.bus.store32(a, (int) v); break;
            case 3: c.bus.store64(a, v); break;
            default: return Step.INVALID;
        }
        c.pc = pc + 4;
        return Step.NEXT;
    }

    private static int opImm(RvCore c, int w, int rd, int f3, int rs1, long pc) {
        long imm = immI(w);
        boolean alt = false;
        if (f3 == 1 || f3 == 5) {
            int high = w >>> 26;
            alt = high == 0x10 && f3 == 5;
            if (high != 0 && !alt) {
                return Step.INVALID;
            }
            imm &= 63;
        }
        return next(c, rd, RvAlu.op(f3, alt, c.x[rs1], imm), pc);
    }

    private static int opImm32(RvCore c, int w, int rd, int f3, int rs1, long pc) {
        int high = w >>> 25;
        if (f3 == 0) {
            return next(c, rd, RvAlu.opW(0, false, c.x[rs1], immI(w)), pc);
        }
        if (f3 == 1 && high == 0 || f3 == 5 && (high == 0 || high == 0x20)) {
            return next(c, rd, RvAlu.opW(f3, high == 0x20, c.x[rs1], w >>> 20 & 31), pc);
        }
        return Step.INVALID;
    }

    private static int op(RvCore c, int w, int rd, int f3, int rs1, int rs2, long pc) {
        int f7 = w >>> 25;
        long a = c.x[rs1];
        long b = c.x[rs2];
        if (f7 == 1) {
            return next(c, rd, RvAlu.mul(f3, a, b), pc);
        }
        if (f7 == 0 || f7 == 0x20 && (f3 == 0 || f3 == 5)) {
            return next(c, rd, RvAlu.op(f3, f7 == 0x20, a, b), pc);
        }
        return Step.INVALID;
    }

    private static int op32(RvCore c, int w, int rd, int f3, int rs1, int rs2, long pc) {
        int f7 = w >>> 25;
        long a = c.x[rs1];
        long b = c.x[rs2];
        if (f7 == 1 && f3 != 1 && f3 != 2 && f3 != 3) {
            return next(c, rd, RvAlu.mulW(f3, a, b), pc);
        }
        if (f7 == 0 && (f3 == 0 || f3 == 1 || f3 == 5) || f7 == 0x20 && (f3 == 0 || f3 == 5)) {
            return next(c, rd, RvAlu.opW(f3, f7 == 0x20, a, b), pc);
        }
        return Step.INVALID;
    }

    private static int jalr(RvCore c, int w, int rd, int f3, int rs1, long pc) {
        if (f3 != 0) {
            return Step.INVALID;
        }
        long target = c.x[rs1] + immI(w) & ~1L;
        c.set(rd, pc + 4);
        c.pc = target;
        return Step.END_BLOCK;
    }

    private static int branch(RvCore c, int w, int f3, int rs1, int rs2, long pc) {
        long a = c.x[rs1];
        long b = c.x[rs2];
        boolean taken;
        switch (f3) {
            case 0: taken = a == b; break;
            case 1: taken = a != b; break;
            case 4: taken = a < b; break;
            case 5: taken = a >= b; break;
            case 6: taken = Long.compareUnsigned(a, b) < 0; break;
            case 7: taken = Long.compareUnsigned(a, b) >= 0; break;
            default: return Step.INVALID;
        }
        c.pc = taken ? pc + immB(w) : pc + 4;
        return Step.END_BLOCK;
    }

    /** fence and fence.i: one hart without caches has nothing to order or to synchronise. */
    private static int fence(RvCore c, int f3, long pc) {
        if (f3 > 1) {
            return Step.INVALID;
        }
        c.pc = pc + 4;
        return Step.END_BLOCK;
    }

    /** True if the CSR access {@code csr} is one the hart executes (it exists, and a write is not to a read-only one). */
    static boolean csrAllowed(int csr, boolean writes) {
        return RvCsrs.implemented(csr) && !(writes && RiscvCsr.readOnly(csr));
    }
}
