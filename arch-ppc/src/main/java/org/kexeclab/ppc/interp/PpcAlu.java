package org.kexeclab.ppc.interp;

import org.kexeclab.engine.interp.Step;

/**
 * PowerPC fixed-point instructions: D-form arithmetic, logical and compare with immediates,
 * the rotates ({@code rlw*}, {@code rld*}) and the dispatch of opcode 31 (X and XO forms).
 */
final class PpcAlu {

    private PpcAlu() {
    }

    /** Opcodes 7, 8, 10..15 and 24..29. */
    static int immediate(PpcCore c, int w) {
        int rt = w >>> 21 & 31;
        int ra = w >>> 16 & 31;
        long si = (short) w;
        long ui = w & 0xffff;
        long[] g = c.gpr;
        switch (w >>> 26) {
            case 14: g[rt] = c.base(ra) + si; return Step.NEXT;
            case 15: g[rt] = c.base(ra) + (si << 16); return Step.NEXT;
            case 12: g[rt] = PpcArith.add(c, g[ra], si, 0, true, false); return Step.NEXT;
            case 13: g[rt] = PpcArith.add(c, g[ra], si, 0, true, false); c.cr0(g[rt]); return Step.NEXT;
            case 8: g[rt] = PpcArith.add(c, ~g[ra], si, 1, true, false); return Step.NEXT;
            case 7: g[rt] = g[ra] * si; return Step.NEXT;
            case 24: g[ra] = g[rt] | ui; return Step.NEXT;
            case 25: g[ra] = g[rt] | ui << 16; return Step.NEXT;
            case 26: g[ra] = g[rt] ^ ui; return Step.NEXT;
            case 27: g[ra] = g[rt] ^ ui << 16; return Step.NEXT;
            case 28: g[ra] = g[rt] & ui; c.cr0(g[ra]); return Step.NEXT;
            case 29: g[ra] = g[rt] & ui << 16; c.cr0(g[ra]); return Step.NEXT;
            case 11: return compareImmediate(c, w, si, true);
            case 10: return compareImmediate(c, w, ui, false);
            default: return Step.INVALID;
        }
    }

    private static int compareImmediate(PpcCore c, int w, long imm, boolean signed) {
        return compare(c, w, c.gpr[w >>> 16 & 31], imm, signed);
    }

    /** cmp/cmpl/cmpi/cmpli: L=1 compares doublewords (ppc64 only), L=0 the low words. */
    static int compare(PpcCore c, int w, long a, long b, boolean signed) {
        boolean l = (w >>> 21 & 1) != 0;
        if ((w & 0x0040_0000) != 0 || (l && !c.is64)) {
            return Step.INVALID;
        }
        if (!l) {
            a = signed ? (int) a : a & PpcCore.M32;
            b = signed ? (int) b : b & PpcCore.M32;
        }
        c.setCrField(w >>> 23 & 7, c.compare(a, b, signed));
        return Step.NEXT;
    }

    // ---- rotates -------------------------------------------------------------------------

    /** MASK(mb, me) in big-endian bit numbering (0 = most significant), wrapping when mb > me. */
    static long mask(int mb, int me) {
        long a = -1L >>> mb;
        long b = -1L << (63 - me);
        return mb <= me ? a & b : a | b;
    }

    /** ROTL32: the low word doubled into both halves, rotated left by {@code n}. */
    static long rotl32(long x, int n) {
        long lo = x & PpcCore.M32;
        return Long.rotateLeft(lo | lo << 32, n);
    }

    /** Opcodes 20 (rlwimi), 21 (rlwinm), 23 (rlwnm) and 30 (rld*). */
    static int rotate(PpcCore c, int w) {
        int rs = w >>> 21 & 31;
        int ra = w >>> 16 & 31;
        int op = w >>> 26;
        if (op == 30) {
            return c.is64 ? PpcRotate64.execute(c, w, rs, ra) : Step.INVALID;
        }
        int n = op == 23 ? (int) c.gpr[w >>> 11 & 31] & 31 : w >>> 11 & 31;
        long m = mask((w >>> 6 & 31) + 32, (w >>> 1 & 31) + 32);
        long r = rotl32(c.gpr[rs], n);
        c.gpr[ra] = op == 20 ? (r & m) | (c.gpr[ra] & ~m) : r & m;
        if ((w & 1) != 0) {
            c.cr0(c.gpr[ra]);
        }
        return Step.NEXT;
    }

    // ---- opcode 31 -----------------------------------------------------------------------

    /** Opcode 31: X-form first (10-bit XO), then XO-form (9-bit XO with OE). */
    static int x31(PpcCore c, int w, long cia) {
        int xo = w >>> 1 & 0x3ff;
        int s = PpcLogical.execute(c, w, xo);
        if (s != Step.INVALID) {
            return s;
        }
        s = PpcMemory.xForm(c, w, xo);
        if (s != Step.INVALID) {
            return s;
        }
        s = PpcControl.system(c, w, cia, xo);
        if (s != Step.INVALID) {
            return s;
        }
        return PpcXoForms.execute(c, w);
    }
}
