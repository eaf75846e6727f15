package org.kexeclab.arm64.interp;

import org.kexeclab.engine.interp.Step;

/**
 * A64 data processing with immediates: {@code adr/adrp}, add/subtract (optionally setting flags),
 * logical with a bitmask immediate, move wide ({@code movz/movn/movk}), bitfield moves
 * ({@code sbfm/bfm/ubfm}, hence {@code lsl/lsr/asr/ubfx/sxtw...} by immediate) and {@code extr}.
 * Also the shared add-with-carry rule that sets NZCV.
 */
final class A64Immediate {
    private A64Immediate() {
    }

    static int execute(A64Core c, int w, long cia) {
        switch (w >>> 23 & 7) {
            case 0: case 1: return adr(c, w, cia);
            case 2: return addSub(c, w);
            case 4: return logical(c, w);
            case 5: return moveWide(c, w);
            case 6: return bitfield(c, w);
            case 7: return extract(c, w);
            default: return Step.INVALID;
        }
    }

    private static int adr(A64Core c, int w, long cia) {
        long imm = ((long) (w << 8 >> 13) << 2) | (w >>> 29 & 3);
        long v = w < 0 ? (cia & ~0xfffL) + (imm << 12) : cia + imm;
        c.setXr(w & 31, v);
        return Step.NEXT;
    }

    private static int addSub(A64Core c, int w) {
        boolean sf = w < 0;
        boolean sub = (w & 1 << 30) != 0;
        boolean setFlags = (w & 1 << 29) != 0;
        int sh = w >>> 22 & 1;
        long imm = (long) (w >>> 10 & 0xfff) << (12 * sh);
        int rd = w & 31;
        long n = c.x[w >>> 5 & 31];
        long r = addWithCarry(c, n, sub ? ~imm : imm, sub ? 1 : 0, sf, setFlags);
        if (setFlags) {
            c.setXr(rd, r);
        } else {
            c.x[rd] = r;
        }
        return Step.NEXT;
    }

    /**
     * {@code x + y + carry} in 64 or 32 bits (zero-extended); sets NZCV when {@code setFlags}.
     */
    static long addWithCarry(A64Core c, long x, long y, int carry, boolean sf, boolean setFlags) {
        if (sf) {
            long r = x + y + carry;
            if (setFlags) {
                boolean cOut = carry == 0 ? Long.compareUnsigned(r, x) < 0 : Long.compareUnsigned(r, x) <= 0;
                boolean v = ((x ^ r) & (y ^ r)) < 0;
                c.nzcv = Cond.nz(r) | (cOut ? 0x2000_0000 : 0) | (v ? 0x1000_0000 : 0);
            }
            return r;
        }
        long ux = x & A64Core.M32;
        long uy = y & A64Core.M32;
        long wide = ux + uy + carry;
        int r = (int) wide;
        if (setFlags) {
            long signed = (long) (int) x + (int) y + carry;
            c.nzcv = Cond.nz(r) | (wide >>> 32 != 0 ? 0x2000_0000 : 0) | (signed != r ? 0x1000_0000 : 0);
        }
        return r & A64Core.M32;
    }

    private static int logical(A64Core c, int w) {
        boolean sf = w < 0;
        int nBit = w >>> 22 & 1;
        if (!sf && nBit != 0) {
            return Step.INVALID;
        }
        long imm = Bitmasks.wmask(nBit, w >>> 10 & 63, w >>> 16 & 63, true, sf ? 64 : 32);
        if (imm == 0 && !Bitmasks.valid(nBit, w >>> 10 & 63, true, sf ? 64 : 32)) {
            return Step.INVALID;
        }
        long n = c.xr(w >>> 5 & 31);
        int opc = w >>> 29 & 3;
        long r;
        switch (opc) {
            case 0: r = n & imm; break;
            case 1: r = n | imm; break;
            case 2: r = n ^ imm; break;
            default: r = n & imm; break;
        }
        if (!sf) {
            r &= A64Core.M32;
        }
        int rd = w & 31;
        if (opc == 3) {
            c.nzcv = Cond.nz(sf ? r : (int) r);
            c.setXr(rd, r);
        } else {
            c.x[rd] = r;
        }
        return Step.NEXT;
    }

    private static int moveWide(A64Core c, int w) {
        boolean sf = w < 0;
        int opc = w >>> 29 & 3;
        int hw = w >>> 21 & 3;
        if (opc == 1 || (!sf && hw > 1)) {
            return Step.INVALID;
        }
        int shift = hw * 16;
        long imm = (long) (w >>> 5 & 0xffff) << shift;
        int rd = w & 31;
        long r;
        if (opc == 0) {
            r = ~imm;
        } else if (opc == 2) {
            r = imm;
        } else {
            r = (c.xr(rd) & ~(0xffffL << shift)) | imm;
        }
        c.setXr(rd, sf ? r : r & A64Core.M32);
        return Step.NEXT;
    }

    private static int bitfield(A64Core c, int w) {
        boolean sf = w < 0;
        int opc = w >>> 29 & 3;
        int nBit = w >>> 22 & 1;
        int immr = w >>> 16 & 63;
        int imms = w >>> 10 & 63;
        int size = sf ? 64 : 32;
        if (opc == 3 || nBit != (sf ? 1 : 0) || (!sf && (immr > 31 || imms > 31))) {
            return Step.INVALID;
        }
        long wmask = Bitmasks.wmask(nBit, imms, immr, false, size);
        long tmask = Bitmasks.tmask(nBit, imms, immr, size);
        long src = c.xr(w >>> 5 & 31);
        int rd = w & 31;
        long bot = Bitmasks.ror(src, immr, size) & wmask;
        long r;
        if (opc == 0) {
            long top = (src >>> imms & 1) != 0 ? -1L : 0;
            r = (top & ~tmask) | (bot & tmask);
        } else if (opc == 1) {
            long dst = c.xr(rd);
            bot = (dst & ~wmask) | bot;
            r = (dst & ~tmask) | (bot & tmask);
        } else {
            r = bot & tmask;
        }
        c.setXr(rd, sf ? r : r & A64Core.M32);
        return Step.NEXT;
    }

    private static int extract(A64Core c, int w) {
        boolean sf = w < 0;
        int lsb = w >>> 10 & 63;
        if ((w >>> 29 & 3) != 0 || (w >>> 21 & 1) != 0 || (w >>> 22 & 1) != (sf ? 1 : 0) || (!sf && lsb > 31)) {
            return Step.INVALID;
        }
        long hi = c.xr(w >>> 5 & 31);
        long lo = c.xr(w >>> 16 & 31);
        long r;
        if (sf) {
            r = lsb == 0 ? lo : lo >>> lsb | hi << (64 - lsb);
        } else {
            long both = (hi & A64Core.M32) << 32 | (lo & A64Core.M32);
            r = both >>> lsb & A64Core.M32;
        }
        c.setXr(w & 31, r);
        return Step.NEXT;
    }
}
