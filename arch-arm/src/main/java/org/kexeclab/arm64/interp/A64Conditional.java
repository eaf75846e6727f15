package org.kexeclab.arm64.interp;

import org.kexeclab.engine.interp.Step;

/** A64 conditional compare ({@code ccmp/ccmn}, register and immediate) and select ({@code csel/csinc/csinv/csneg}). */
final class A64Conditional {
    private A64Conditional() {
    }

    static int compare(A64Core c, int w) {
        if ((w & 1 << 29) == 0 || (w & 1 << 10) != 0 || (w & 1 << 4) != 0) {
            return Step.INVALID;
        }
        boolean sf = w < 0;
        boolean sub = (w & 1 << 30) != 0;
        int cond = w >>> 12 & 15;
        if (c.holds(cond)) {
            int rm = w >>> 16 & 31;
            long m = (w & 1 << 11) != 0 ? rm : c.xr(rm);
            A64Immediate.addWithCarry(c, c.xr(w >>> 5 & 31), sub ? ~m : m, sub ? 1 : 0, sf, true);
        } else {
            c.nzcv = (w & 15) << 28;
        }
        return Step.NEXT;
    }

    static int select(A64Core c, int w) {
        int op2 = w >>> 10 & 3;
        if ((w & 1 << 29) != 0 || op2 > 1) {
            return Step.INVALID;
        }
        boolean sf = w < 0;
        boolean inv = (w & 1 << 30) != 0;
        long r;
        if (c.holds(w >>> 12 & 15)) {
            r = c.xr(w >>> 5 & 31);
        } else {
            long m = c.xr(w >>> 16 & 31);
            if (inv) {
                m = ~m;
            }
            r = op2 == 1 ? m + 1 : m;
        }
        c.setXr(w & 31, sf ? r : r & A64Core.M32);
        return Step.NEXT;
    }
}
