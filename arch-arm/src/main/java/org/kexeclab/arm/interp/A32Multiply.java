package org.kexeclab.arm.interp;

import org.kexeclab.engine.interp.Step;

/**
 * A32 multiplies: {@code mul, mla, mls} and the long forms {@code umull, umlal, smull, smlal}
 * (S sets N and Z; C and V are unchanged, as on ARMv6 and later). r15 as any operand, and equal
 * RdHi/RdLo, are unpredictable and so invalid.
 */
final class A32Multiply {
    private A32Multiply() {
    }

    static int execute(A32Core c, int w) {
        int op = w >>> 21 & 7;
        boolean s = (w & 1 << 20) != 0;
        int d = w >>> 16 & 15;
        int a = w >>> 12 & 15;
        int m = w >>> 8 & 15;
        int n = w & 15;
        if (d == 15 || m == 15 || n == 15 || (op != 0 && a == 15) || op == 2 || (op == 3 && s)
                || (op >= 4 && d == a)) {
            return Step.INVALID; // op 2 is umaal, not implemented
        }
        if (op == 0 && a != 0) {
            return Step.INVALID;
        }
        if (!c.pass) {
            return Step.NEXT;
        }
        int rn = c.r[n];
        int rm = c.r[m];
        if (op < 4) {
            int res = op == 0 ? rn * rm : op == 1 ? rn * rm + c.r[a] : c.r[a] - rn * rm;
            c.r[d] = res;
            if (s) {
                c.setNzc(res, c.cpsr & A32Core.C);
            }
            return Step.NEXT;
        }
        boolean signed = (op & 2) != 0;
        long p = signed ? (long) rn * rm : (rn & A32Core.M32) * (rm & A32Core.M32);
        if ((op & 1) != 0) {
            p += (long) c.r[d] << 32 | (c.r[a] & A32Core.M32);
        }
        c.r[a] = (int) p;
        c.r[d] = (int) (p >>> 32);
        if (s) {
            c.cpsr = (c.cpsr & ~(A32Core.N | A32Core.Z)) | (p < 0 ? A32Core.N : 0) | (p == 0 ? A32Core.Z : 0);
        }
        return Step.NEXT;
    }
}
