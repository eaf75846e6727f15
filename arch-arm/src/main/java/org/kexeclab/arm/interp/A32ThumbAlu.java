package org.kexeclab.arm.interp;

import org.kexeclab.engine.interp.Step;

/** Thumb 16-bit register data processing and the high-register {@code add/cmp/mov/bx/blx}. */
final class A32ThumbAlu {
    private A32ThumbAlu() {
    }

    static int registerOp(A32Core c, int hw) {
        int op = hw >>> 6 & 15;
        int d = hw & 7;
        int n = c.r[d];
        int m = c.r[hw >>> 3 & 7];
        int carry = c.cpsr >>> 29 & 1;
        int res;
        switch (op) {
            case 0: res = n & m; break;
            case 1: res = n ^ m; break;
            case 2: case 3: case 4: case 7:
                int type = op == 2 ? 0 : op == 3 ? 1 : op == 4 ? 2 : 3;
                res = A32DataProcessing.shiftRegister(c, n, type, m & 0xff);
                break;
            case 5: c.r[d] = c.addWithCarry(n, m, carry, true); return Step.NEXT;
            case 6: c.r[d] = c.addWithCarry(n, ~m, carry, true); return Step.NEXT;
            case 9: c.r[d] = c.addWithCarry(~m, 0, 1, true); return Step.NEXT;
            case 10: c.addWithCarry(n, ~m, 1, true); return Step.NEXT;
            case 11: c.addWithCarry(n, m, 0, true); return Step.NEXT;
            case 13:
                res = n * m;
                c.r[d] = res;
                c.setNzc(res, c.cpsr & A32Core.C);
                return Step.NEXT;
            case 8: res = n & m; c.setNzc(res, c.cpsr & A32Core.C); return Step.NEXT;
            case 12: res = n | m; break;
            case 14: res = n & ~m; break;
            default: res = ~m; break;
        }
        boolean shift = op == 2 || op == 3 || op == 4 || op == 7;
        c.setNzc(res, shift ? c.shiftCarry : c.cpsr & A32Core.C);
        c.r[d] = res;
        return Step.NEXT;
    }

    static int special(A32Core c, int hw, int pc) {
        int op = hw >>> 8 & 3;
        int m = hw >>> 3 & 15;
        int d = (hw >>> 4 & 8) | (hw & 7);
        int mv = m == 15 ? pc + 4 : c.r[m];
        switch (op) {
            case 0:
                return write(c, d, (d == 15 ? pc + 4 : c.r[d]) + mv, pc);
            case 1:
                if (d == 15 || m == 15 || (d < 8 && m < 8)) {
                    return Step.INVALID;
                }
                c.addWithCarry(c.r[d], ~mv, 1, true);
                c.r[15] = pc + 2;
                return Step.NEXT;
            case 2:
                return write(c, d, mv, pc);
            default:
                if ((hw & 7) != 0 || ((hw & 0x80) != 0 && m == 15)) {
                    return Step.INVALID;
                }
                if (A32Core.badTarget(mv)) {
                    return Step.INVALID;
                }
                if ((hw & 0x80) != 0) {
                    c.r[14] = (pc + 2) | 1;
                }
                c.bxWritePc(mv);
                return Step.END_BLOCK;
        }
    }

    private static int write(A32Core c, int d, int v, int pc) {
        if (d == 15) {
            c.r[15] = v & ~1;
            return Step.END_BLOCK;
        }
        c.r[d] = v;
        c.r[15] = pc + 2;
        return Step.NEXT;
    }
}
