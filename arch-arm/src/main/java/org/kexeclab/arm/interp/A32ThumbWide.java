package org.kexeclab.arm.interp;

import org.kexeclab.engine.interp.Step;

/**
 * The 32-bit Thumb instructions the Java engine implements: {@code bl} and {@code b.w},
 * {@code mul}, and data processing with a modified immediate ({@code and, bic, orr, orn, eor,
 * add, adc, sbc, sub, rsb} and their {@code tst/teq/cmn/cmp/mov/mvn} aliases).
 */
final class A32ThumbWide {
    private A32ThumbWide() {
    }

    static int execute(A32Core c, int hw1, int hw2, int pc) {
        if ((hw1 & 0xf800) == 0xf000 && (hw2 & 0x8000) != 0) {
            return branch(c, hw1, hw2, pc);
        }
        int s;
        if ((hw1 & 0xfff0) == 0xfb00 && (hw2 & 0xf0f0) == 0xf000) {
            s = multiply(c, hw1, hw2);
        } else if ((hw1 & 0xfa00) == 0xf000 && (hw2 & 0x8000) == 0) {
            s = modifiedImmediate(c, hw1, hw2);
        } else {
            s = Step.INVALID;
        }
        if (s == Step.NEXT) {
            c.r[15] = pc + 4;
            if ((hw1 & 0xf800) == 0xf000) {
                return Step.END_BLOCK; // blockSize ends a block at every 0xf0xx..0xf7xx first halfword
            }
        }
        return s;
    }

    private static int branch(A32Core c, int hw1, int hw2, int pc) {
        int kind = hw2 & 0x5000;
        if (kind == 0x4000 || kind == 0) {
            return Step.INVALID; // blx imm to A32 and b<cond>.w are not implemented
        }
        int sBit = hw1 >>> 10 & 1;
        int i1 = ~(hw2 >>> 13 ^ sBit) & 1;
        int i2 = ~(hw2 >>> 11 ^ sBit) & 1;
        int imm = (sBit == 1 ? 0xff00_0000 : 0) | i1 << 23 | i2 << 22 | (hw1 & 0x3ff) << 12 | (hw2 & 0x7ff) << 1;
        if ((hw2 & 0x4000) != 0) {
            c.r[14] = (pc + 4) | 1;
        }
        c.r[15] = pc + 4 + imm;
        return Step.END_BLOCK;
    }

    private static int multiply(A32Core c, int hw1, int hw2) {
        int n = hw1 & 15;
        int d = hw2 >>> 8 & 15;
        int m = hw2 & 15;
        if (n >= 13 || d >= 13 || m >= 13) {
            return Step.INVALID;
        }
        c.r[d] = c.r[n] * c.r[m];
        return Step.NEXT;
    }

    /** ThumbExpandImm_C of the 12-bit {@code i:imm3:imm8}; sets {@link A32Core#shiftCarry}. */
    static int expandImmediate(A32Core c, int imm12) {
        int imm8 = imm12 & 0xff;
        c.shiftCarry = c.cpsr & A32Core.C;
        switch (imm12 >>> 8) {
            case 0: return imm8;
            case 1: return imm8 << 16 | imm8;
            case 2: return imm8 << 24 | imm8 << 8;
            case 3: return imm8 << 24 | imm8 << 16 | imm8 << 8 | imm8;
            default:
                int v = Integer.rotateRight(0x80 | (imm12 & 0x7f), imm12 >>> 7);
                c.shiftCarry = v < 0 ? A32Core.C : 0;
                return v;
        }
    }

    private static int modifiedImmediate(A32Core c, int hw1, int hw2) {
        int op = hw1 >>> 5 & 15;
        boolean s = (hw1 & 0x10) != 0;
        int n = hw1 & 15;
        int d = hw2 >>> 8 & 15;
        int imm12 = (hw1 >>> 10 & 1) << 11 | (hw2 >>> 4 & 0x700) | (hw2 & 0xff);
        boolean compare = d == 15 && s && (op == 0 || op == 4 || op == 8 || op == 13);
        boolean move = n == 15 && (op == 2 || op == 3);
        if ((d >= 13 && !compare) || (n == 13 || (n == 15 && !move)) || op == 5 || op == 6 || op == 7
                || op == 9 || op == 12 || op == 15 || (d == 15 && !compare)) {
            return Step.INVALID; // SP forms, reserved ops and unpredictable registers
        }
        int imm = expandImmediate(c, imm12);
        int rn = move ? 0 : c.r[n];
        int carry = c.cpsr >>> 29 & 1;
        int res;
        switch (op) {
            case 0: res = rn & imm; break;
            case 1: res = rn & ~imm; break;
            case 2: res = rn | imm; break;
            case 3: res = rn | ~imm; break;
            case 4: res = rn ^ imm; break;
            case 8: res = c.addWithCarry(rn, imm, 0, s); break;
            case 10: res = c.addWithCarry(rn, imm, carry, s); break;
            case 11: res = c.addWithCarry(rn, ~imm, carry, s); break;
            case 13: res = c.addWithCarry(rn, ~imm, 1, s); break;
            default: res = c.addWithCarry(~rn, imm, 1, s); break;
        }
        if (s && op < 8) {
            c.setNzc(res, c.shiftCarry);
        }
        if (!compare) {
            c.r[d] = res;
        }
        return Step.NEXT;
    }
}
