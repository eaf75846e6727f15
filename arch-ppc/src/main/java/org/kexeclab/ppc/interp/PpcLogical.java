package org.kexeclab.ppc.interp;

import org.kexeclab.engine.interp.Step;

/**
 * Opcode 31 X-form fixed-point instructions without memory: logical operations, shifts, sign
 * extensions, leading-zero counts and the register compares.
 */
final class PpcLogical {

    private PpcLogical() {
    }

    static int execute(PpcCore c, int w, int xo) {
        int rs = w >>> 21 & 31;
        int ra = w >>> 16 & 31;
        int rb = w >>> 11 & 31;
        long[] g = c.gpr;
        long s = g[rs];
        long b = g[rb];
        long r;
        switch (xo) {
            case 0: return (w & 1) != 0 ? Step.INVALID : PpcAlu.compare(c, w, g[ra], b, true);
            case 32: return (w & 1) != 0 ? Step.INVALID : PpcAlu.compare(c, w, g[ra], b, false);
            case 28: r = s & b; break;
            case 444: r = s | b; break;
            case 316: r = s ^ b; break;
            case 124: r = ~(s | b); break;
            case 60: r = s & ~b; break;
            case 412: r = s | ~b; break;
            case 476: r = ~(s & b); break;
            case 284: r = ~(s ^ b); break;
            case 24: r = shiftLeftWord(s, b); break;
            case 536: r = shiftRightWord(s, b); break;
            case 792: r = shiftRightAlgebraicWord(c, s, (int) b & 63); break;
            case 824: r = shiftRightAlgebraicWord(c, s, rb); break;
            case 27: if (!c.is64) { return Step.INVALID; } r = (b & 64) != 0 ? 0 : s << (b & 63); break;
            case 539: if (!c.is64) { return Step.INVALID; } r = (b & 64) != 0 ? 0 : s >>> (b & 63); break;
            case 954: r = (byte) s; break;
            case 922: r = (short) s; break;
            case 986: if (!c.is64) { return Step.INVALID; } r = (int) s; break;
            case 26: if (rb != 0) { return Step.INVALID; } r = Integer.numberOfLeadingZeros((int) s); break;
            case 58: if (!c.is64 || rb != 0) { return Step.INVALID; } r = Long.numberOfLeadingZeros(s); break;
            default: return Step.INVALID;
        }
        if ((xo == 954 || xo == 922 || xo == 986) && rb != 0) {
            return Step.INVALID;
        }
        g[ra] = r;
        if ((w & 1) != 0) {
            c.cr0(r);
        }
        return Step.NEXT;
    }

    private static long shiftLeftWord(long s, long b) {
        return (b & 32) != 0 ? 0 : (s << (b & 31)) & PpcCore.M32;
    }

    private static long shiftRightWord(long s, long b) {
        return (b & 32) != 0 ? 0 : (s & PpcCore.M32) >>> (b & 31);
    }

    /** sraw/srawi: the low word shifted right arithmetically, sign-extended; CA = negative and ones shifted out. */
    private static long shiftRightAlgebraicWord(PpcCore c, long s, int n) {
        int v = (int) s;
        if (n > 31) {
            PpcArith.setShiftCarry(c, v < 0);
            return v < 0 ? -1L : 0L;
        }
        PpcArith.setShiftCarry(c, v < 0 && n > 0 && (v & ((1 << n) - 1)) != 0);
        return v >> n;
    }
}
