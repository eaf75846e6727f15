package org.kexeclab.arm.interp;

import org.kexeclab.engine.interp.Step;

/**
 * A32 data processing: the sixteen ALU operations ({@code and eor sub rsb add adc sbc rsc tst teq
 * cmp cmn orr mov bic mvn}) with a modified immediate, an immediate shift or a register shift
 * (with the shifter's carry-out), {@code movw/movt}, and routing of the miscellaneous and multiply
 * encodings that share the space. A write to r15 interworks (ARMv7 ALUWritePC); with S set it is an
 * exception return, which is not implemented.
 */
final class A32DataProcessing {
    private A32DataProcessing() {
    }

    static int execute(A32Core c, int w) {
        int op = w >>> 20 & 0x1f;
        boolean misc = (op & 0x19) == 0x10;
        if ((w & 1 << 25) != 0) {
            if (misc) {
                return A32Control.immediateMisc(c, w, op);
            }
            int rot = w >>> 7 & 0x1e;
            int imm = Integer.rotateRight(w & 0xff, rot);
            c.shiftCarry = rot == 0 ? c.cpsr & A32Core.C : imm < 0 ? A32Core.C : 0;
            return alu(c, w, imm);
        }
        if ((w & 0x90) == 0x90) {
            return (w & 0x60) == 0 && (w & 1 << 24) == 0 ? A32Multiply.execute(c, w) : Step.INVALID;
        }
        if (misc) {
            return A32Control.registerMisc(c, w);
        }
        int m = w & 15;
        int type = w >>> 5 & 3;
        if ((w & 0x10) == 0) {
            int v = shiftImmediate(c, c.reg(m), type, w >>> 7 & 31);
            return alu(c, w, v);
        }
        int s = w >>> 8 & 15;
        if (m == 15 || s == 15 || (w >>> 16 & 15) == 15 || (w >>> 12 & 15) == 15) {
            return Step.INVALID; // unpredictable with r15
        }
        return alu(c, w, shiftRegister(c, c.r[m], type, c.r[s] & 0xff));
    }

    /** DecodeImmShift + Shift_C: LSR/ASR #0 mean 32, ROR #0 is RRX; sets {@link A32Core#shiftCarry}. */
    static int shiftImmediate(A32Core c, int v, int type, int amount) {
        int carryIn = c.cpsr & A32Core.C;
        switch (type) {
            case 0:
                c.shiftCarry = amount == 0 ? carryIn : (v << (amount - 1)) < 0 ? A32Core.C : 0;
                return v << amount;
            case 1:
                if (amount == 0) {
                    c.shiftCarry = v < 0 ? A32Core.C : 0;
                    return 0;
                }
                c.shiftCarry = (v >>> (amount - 1) & 1) != 0 ? A32Core.C : 0;
                return v >>> amount;
            case 2:
                if (amount == 0) {
                    amount = 32;
                }
                c.shiftCarry = (v >> (amount - 1) & 1) != 0 ? A32Core.C : 0;
                return amount == 32 ? v >> 31 : v >> amount;
            default:
                if (amount == 0) {
                    c.shiftCarry = (v & 1) != 0 ? A32Core.C : 0;
                    return (carryIn != 0 ? A32Core.N : 0) | v >>> 1;
                }
                c.shiftCarry = (v >>> (amount - 1) & 1) != 0 ? A32Core.C : 0;
                return Integer.rotateRight(v, amount);
        }
    }

    /** Shift by a register's bottom byte ({@code amount} 0..255), with carry-out. */
    static int shiftRegister(A32Core c, int v, int type, int amount) {
        if (amount == 0) {
            c.shiftCarry = c.cpsr & A32Core.C;
            return v;
        }
        switch (type) {
            case 0:
                c.shiftCarry = amount <= 32 && (v >>> (32 - amount) & 1) != 0 ? A32Core.C : 0;
                return amount >= 32 ? 0 : v << amount;
            case 1:
                c.shiftCarry = amount <= 32 && (v >>> (amount - 1) & 1) != 0 ? A32Core.C : 0;
                return amount >= 32 ? 0 : v >>> amount;
            case 2:
                int a = Math.min(amount, 32);
                c.shiftCarry = (v >> (a - 1) & 1) != 0 ? A32Core.C : 0;
                return a == 32 ? v >> 31 : v >> a;
            default:
                int res = Integer.rotateRight(v, amount & 31);
                c.shiftCarry = res < 0 ? A32Core.C : 0;
                return res;
        }
    }

    private static int alu(A32Core c, int w, int op2) {
        int opcode = w >>> 21 & 15;
        boolean s = (w & 1 << 20) != 0;
        int rd = w >>> 12 & 15;
        if (rd == 15 && s && (opcode < 8 || opcode > 11)) {
            return Step.INVALID; // SUBS pc, lr and friends: exception return
        }
        boolean test = opcode >= 8 && opcode <= 11;
        if ((test && rd != 0) || ((opcode == 13 || opcode == 15) && (w >>> 16 & 15) != 0)) {
            return Step.INVALID; // a should-be-zero Rd (tst/teq/cmp/cmn) or Rn (mov/mvn) is not: unpredictable
        }
        if (!c.pass) {
            return Step.NEXT;
        }
        int n = c.reg(w >>> 16 & 15);
        int carry = c.cpsr >>> 29 & 1;
        int res;
        switch (opcode) {
            case 0: case 8: res = n & op2; break;
            case 1: case 9: res = n ^ op2; break;
            case 2: case 10: return arith(c, rd, opcode, n, ~op2, 1, s);
            case 3: return arith(c, rd, opcode, ~n, op2, 1, s);
            case 4: case 11: return arith(c, rd, opcode, n, op2, 0, s);
            case 5: return arith(c, rd, opcode, n, op2, carry, s);
            case 6: return arith(c, rd, opcode, n, ~op2, carry, s);
            case 7: return arith(c, rd, opcode, ~n, op2, carry, s);
            case 12: res = n | op2; break;
            case 13: res = op2; break;
            case 14: res = n & ~op2; break;
            default: res = ~op2; break;
        }
        if (s) {
            c.setNzc(res, c.shiftCarry);
        }
        return opcode >= 8 && opcode <= 11 ? Step.NEXT : writeResult(c, rd, res);
    }

    private static int arith(A32Core c, int rd, int opcode, int x, int y, int carry, boolean s) {
        int res = c.addWithCarry(x, y, carry, s);
        return opcode >= 8 ? Step.NEXT : writeResult(c, rd, res);
    }

    private static int writeResult(A32Core c, int rd, int res) {
        if (rd == 15) {
            if (A32Core.badTarget(res)) {
                return Step.INVALID; // nothing written: S with rd = r15 is rejected before any flag changes
            }
            c.bxWritePc(res);
            return Step.END_BLOCK;
        }
        c.r[rd] = res;
        return Step.NEXT;
    }
}
