package org.kexeclab.x86.interp;

import org.kexeclab.engine.interp.Step;

/** x86-64 shifts and rotates (group 2), group 3 (test, not, neg, mul, imul), imul forms and xchg. */
final class X86Ops {

    private X86Ops() {
    }

    /** c0/c1 (by imm8), d0/d1 (by 1), d2/d3 (by cl): rol, ror, shl, shr, sal, sar; rcl/rcr are invalid. */
    static int group2(X86Core c, int b) {
        int size = (b & 1) == 0 ? 1 : c.opsize;
        c.modrm();
        int op = c.reg & 7;
        if (op == 2 || op == 3) {
            return Step.INVALID;
        }
        int count = b <= 0xc1 ? c.fetch8() : b >= 0xd2 ? (int) c.r[1] & 0xff : 1;
        long a = c.readRm(size);
        long res = X86Alu.shift(c, op, a, count, size);
        c.writeRm(size, res);
        c.commitFlags();
        return Step.NEXT;
    }

    /** f6/f7: /0 test imm, /2 not, /3 neg, /4 mul, /5 imul; div and idiv are not implemented. */
    static int group3(X86Core c, int size) {
        c.modrm();
        int op = c.reg & 7;
        switch (op) {
            case 0: {
                long imm = c.fetchImm(size == 8 ? 4 : size);
                X86Alu.alu(c, X86Alu.AND, c.readRm(size), imm, size);
                c.commitFlags();
                return Step.NEXT;
            }
            case 2:
                c.writeRm(size, ~c.readRm(size));
                return Step.NEXT;
            case 3: {
                long res = X86Alu.neg(c, c.readRm(size), size);
                c.writeRm(size, res);
                c.commitFlags();
                return Step.NEXT;
            }
            case 4: case 5:
                return multiply(c, size, op == 5);
            default:
                return Step.INVALID;
        }
    }

    /** One-operand mul/imul: rDX:rAX (or AX) = rAX * operand. */
    private static int multiply(X86Core c, int size, boolean signed) {
        long m = X86Alu.mask(size);
        long b = c.readRm(size);
        long a = c.getReg(0, size);
        if (size == 8) {
            long lo = a * b;
            long hi = signed ? Math.multiplyHigh(a, b) : X86Alu.unsignedHigh(a, b);
            c.r[0] = lo;
            c.r[2] = hi;
            X86Alu.mulFlags(c, lo, size, signed ? hi != lo >> 63 : hi != 0);
        } else {
            int bits = size * 8;
            long p = signed ? signExtend(a, size) * signExtend(b, size) : a * b;
            long lo = p & m;
            long hi = p >> bits & m;
            boolean over = signed ? p != signExtend(lo, size) : hi != 0;
            if (size == 1) {
                c.setReg(0, 2, p & 0xffff);
            } else {
                c.setReg(0, size, lo);
                c.setReg(2, size, hi);
            }
            X86Alu.mulFlags(c, lo, size, over);
        }
        c.commitFlags();
        return Step.NEXT;
    }

    static long signExtend(long v, int size) {
        int s = 64 - size * 8;
        return v << s >> s;
    }

    /** Truncated signed multiply into a register: 69 (Iz), 6b (Ib), 0f af (no immediate when immSize 0). */
    static int imulImm(X86Core c, int immSize) {
        int size = c.opsize;
        c.modrm();
        long b = immSize == 0 ? 0 : c.fetchImm(immSize);
        long a = c.readRm(size);
        if (immSize == 0) {
            b = c.getReg(c.reg, size);
        }
        long sa = signExtend(a, size);
        long sb = signExtend(b, size);
        long lo = sa * sb;
        boolean over = size == 8 ? Math.multiplyHigh(sa, sb) != lo >> 63 : lo != signExtend(lo, size);
        c.setReg(c.reg, size, lo);
        X86Alu.mulFlags(c, lo, size, over);
        c.commitFlags();
        return Step.NEXT;
    }

    /** xchg Eb,Gb / Ev,Gv (the memory form is atomic on hardware; one CPU here). */
    static int xchg(X86Core c, int size) {
        c.modrm();
        long a = c.readRm(size);
        long b = c.getReg(c.reg, size);
        c.writeRm(size, b);
        c.setReg(c.reg, size, a);
        return Step.NEXT;
    }

    /** 90+r: xchg rAX with register {@code low} (plus REX.B). */
    static int xchgAx(X86Core c, int low) {
        int n = low | (c.rex & 1) << 3;
        int size = c.opsize;
        long a = c.getReg(0, size);
        long b = c.getReg(n, size);
        c.setReg(0, size, b);
        c.setReg(n, size, a);
        return Step.NEXT;
    }
}
