package org.kexeclab.arm64.interp;

/** The A64 {@code DecodeBitMasks} rule of logical immediates and bitfield moves. */
final class Bitmasks {
    private Bitmasks() {
    }

    /** The element size exponent of {@code N:NOT(imms)}, or -1 if reserved. */
    private static int len(int n, int imms) {
        int v = n << 6 | (~imms & 63);
        return v == 0 ? -1 : 31 - Integer.numberOfLeadingZeros(v);
    }

    /** True if {@code (N, imms)} is an allocated encoding for {@code size}-bit data. */
    static boolean valid(int n, int imms, boolean immediate, int size) {
        int len = len(n, imms);
        if (len < 1 || (1 << len) > size) {
            return false;
        }
        int levels = (1 << len) - 1;
        return !(immediate && (imms & levels) == levels);
    }

    /** wmask of {@code DecodeBitMasks}, replicated to {@code size} bits; 0 if the encoding is reserved. */
    static long wmask(int n, int imms, int immr, boolean immediate, int size) {
        if (!valid(n, imms, immediate, size)) {
            return 0;
        }
        int esize = 1 << len(n, imms);
        int levels = esize - 1;
        int s = imms & levels;
        int r = immr & levels;
        long welem = ones(s + 1);
        return replicate(ror(welem, r, esize), esize, size);
    }

    /** tmask of {@code DecodeBitMasks} (bitfield moves). */
    static long tmask(int n, int imms, int immr, int size) {
        int esize = 1 << len(n, imms);
        int levels = esize - 1;
        int d = ((imms & levels) - (immr & levels)) & levels;
        return replicate(ones(d + 1), esize, size);
    }

    static long ones(int k) {
        return k >= 64 ? -1L : (1L << k) - 1;
    }

    /** Rotates the low {@code size} bits of {@code v} right by {@code r}. */
    static long ror(long v, int r, int size) {
        if (size == 64) {
            return Long.rotateRight(v, r);
        }
        long m = ones(size);
        v &= m;
        r %= size;
        return r == 0 ? v : ((v >>> r) | (v << (size - r))) & m;
    }

    private static long replicate(long elem, int esize, int size) {
        long out = 0;
        for (int i = 0; i < size; i += esize) {
            out |= elem << i;
        }
        return size == 64 ? out : out & ones(size);
    }
}
