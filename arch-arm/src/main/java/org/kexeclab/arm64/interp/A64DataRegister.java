package org.kexeclab.arm64.interp;

import org.kexeclab.engine.interp.Step;

/**
 * A64 data processing with registers: logical and add/subtract with a shifted register,
 * add/subtract with an extended register, add/subtract with carry, conditional compare and
 * select, the 1- and 2-source operations (shifts by register, divides, bit reversals, counts)
 * and the 3-source multiplies.
 */
final class A64DataRegister {
    private static final long M32 = A64Core.M32;

    private A64DataRegister() {
    }

    static int execute(A64Core c, int w) {
        if ((w & 1 << 28) == 0) {
            if ((w & 1 << 24) == 0) {
                return logical(c, w);
            }
            return (w & 1 << 21) == 0 ? addSubShifted(c, w) : addSubExtended(c, w);
        }
        switch (w >>> 21 & 15) {
            case 0: return carry(c, w);
            case 2: return A64Conditional.compare(c, w);
            case 4: return A64Conditional.select(c, w);
            case 6: return (w & 1 << 30) == 0 ? A64Bits.twoSource(c, w) : A64Bits.oneSource(c, w);
            default: return (w >>> 24 & 1) != 0 ? multiply(c, w) : Step.INVALID;
        }
    }

    /** {@code v} shifted by {@code type} (LSL, LSR, ASR, ROR) and {@code amount}, in {@code sf} width. */
    static long shift(long v, int type, int amount, boolean sf) {
        if (sf) {
            switch (type) {
                case 0: return v << amount;
                case 1: return v >>> amount;
                case 2: return v >> amount;
                default: return Long.rotateRight(v, amount);
            }
        }
        int x = (int) v;
        int r;
        switch (type) {
            case 0: r = x << amount; break;
            case 1: r = x >>> amount; break;
            case 2: r = x >> amount; break;
            default: r = Integer.rotateRight(x, amount); break;
        }
        return r & M32;
    }

    private static int logical(A64Core c, int w) {
        boolean sf = w < 0;
        int amount = w >>> 10 & 63;
        if (!sf && amount > 31) {
            return Step.INVALID;
        }
        long m = shift(c.xr(w >>> 16 & 31), w >>> 22 & 3, amount, sf);
        if ((w & 1 << 21) != 0) {
            m = sf ? ~m : ~m & M32;
        }
        long n = c.xr(w >>> 5 & 31);
        int opc = w >>> 29 & 3;
        long r = opc == 1 ? n | m : opc == 2 ? n ^ m : n & m;
        if (!sf) {
            r &= M32;
        }
        if (opc == 3) {
            c.nzcv = Cond.nz(sf ? r : (int) r);
        }
        c.setXr(w & 31, r);
        return Step.NEXT;
    }

    private static int addSubShifted(A64Core c, int w) {
        boolean sf = w < 0;
        int type = w >>> 22 & 3;
        int amount = w >>> 10 & 63;
        if (type == 3 || (!sf && amount > 31)) {
            return Step.INVALID;
        }
        long m = shift(c.xr(w >>> 16 & 31), type, amount, sf);
        return addSub(c, w, c.xr(w >>> 5 & 31), m, false);
    }

    private static int addSubExtended(A64Core c, int w) {
        boolean sf = w < 0;
        int amount = w >>> 10 & 7;
        if ((w >>> 22 & 3) != 0 || amount > 4) {
            return Step.INVALID;
        }
        long m = extend(c.xr(w >>> 16 & 31), w >>> 13 & 7) << amount;
        if (!sf) {
            m &= M32;
        }
        return addSub(c, w, c.x[w >>> 5 & 31], m, true);
    }

    /** {@code v} extended by option UXTB, UXTH, UXTW, UXTX, SXTB, SXTH, SXTW, SXTX (0..7). */
    static long extend(long v, int option) {
        switch (option) {
            case 0: return v & 0xff;
            case 1: return v & 0xffff;
            case 2: return v & M32;
            case 4: return (byte) v;
            case 5: return (short) v;
            case 6: return (int) v;
            default: return v;
        }
    }

    private static int addSub(A64Core c, int w, long n, long m, boolean spDest) {
        boolean sf = w < 0;
        boolean sub = (w & 1 << 30) != 0;
        boolean setFlags = (w & 1 << 29) != 0;
        long r = A64Immediate.addWithCarry(c, n, sub ? ~m : m, sub ? 1 : 0, sf, setFlags);
        int rd = w & 31;
        if (spDest && !setFlags) {
            c.x[rd] = r;
        } else {
            c.setXr(rd, r);
        }
        return Step.NEXT;
    }

    private static int carry(A64Core c, int w) {
        if ((w >>> 10 & 63) != 0) {
            return Step.INVALID;
        }
        boolean sf = w < 0;
        boolean sub = (w & 1 << 30) != 0;
        boolean setFlags = (w & 1 << 29) != 0;
        long m = c.xr(w >>> 16 & 31);
        int carryIn = c.nzcv >>> 29 & 1;
        long r = A64Immediate.addWithCarry(c, c.xr(w >>> 5 & 31), sub ? ~m : m, carryIn, sf, setFlags);
        c.setXr(w & 31, r);
        return Step.NEXT;
    }

    private static int multiply(A64Core c, int w) {
        boolean sf = w < 0;
        int op31 = w >>> 21 & 7;
        boolean o0 = (w & 1 << 15) != 0;
        if ((w >>> 29 & 3) != 0) {
            return Step.INVALID;
        }
        long n = c.xr(w >>> 5 & 31);
        long m = c.xr(w >>> 16 & 31);
        long a = c.xr(w >>> 10 & 31);
        long r;
        if (op31 == 0) {
            r = o0 ? a - n * m : a + n * m;
            if (!sf) {
                r &= M32;
            }
        } else if (!sf) {
            return Step.INVALID;
        } else if (op31 == 1 || op31 == 5) {
            long p = op31 == 1 ? (long) (int) n * (int) m : (n & M32) * (m & M32);
            r = o0 ? a - p : a + p;
        } else if ((op31 == 2 || op31 == 6) && !o0 && (w >>> 10 & 31) == 31) {
            r = op31 == 2 ? Math.multiplyHigh(n, m) : unsignedMultiplyHigh(n, m);
        } else {
            return Step.INVALID;
        }
        c.setXr(w & 31, r);
        return Step.NEXT;
    }

    private static long unsignedMultiplyHigh(long x, long y) {
        long h = Math.multiplyHigh(x, y);
        return h + ((x >> 63) & y) + ((y >> 63) & x);
    }
}
