package org.kexeclab.arm64.interp;

import org.kexeclab.engine.interp.Step;

/**
 * A64 1-source ({@code rbit, rev16, rev32, rev, clz, cls}) and 2-source ({@code udiv, sdiv,
 * lslv, lsrv, asrv, rorv}) data processing.
 */
final class A64Bits {
    private static final long M32 = A64Core.M32;

    private A64Bits() {
    }

    static int twoSource(A64Core c, int w) {
        if ((w & 1 << 29) != 0) {
            return Step.INVALID;
        }
        boolean sf = w < 0;
        int op = w >>> 10 & 63;
        long n = c.xr(w >>> 5 & 31);
        long m = c.xr(w >>> 16 & 31);
        long r;
        if (op == 2 || op == 3) {
            r = divide(n, m, op == 3, sf);
        } else if (op >= 8 && op <= 11) {
            int amount = (int) (m & (sf ? 63 : 31));
            r = A64DataRegister.shift(n, op - 8, amount, sf);
        } else {
            return Step.INVALID;
        }
        c.setXr(w & 31, r);
        return Step.NEXT;
    }

    private static long divide(long n, long m, boolean signed, boolean sf) {
        if (sf) {
            if (m == 0) {
                return 0;
            }
            return signed ? (n == Long.MIN_VALUE && m == -1 ? n : n / m) : Long.divideUnsigned(n, m);
        }
        int a = (int) n;
        int b = (int) m;
        if (b == 0) {
            return 0;
        }
        int r = signed ? (a == Integer.MIN_VALUE && b == -1 ? a : a / b) : Integer.divideUnsigned(a, b);
        return r & M32;
    }

    static int oneSource(A64Core c, int w) {
        if ((w & 1 << 29) != 0 || (w >>> 16 & 31) != 0) {
            return Step.INVALID;
        }
        boolean sf = w < 0;
        int op = w >>> 10 & 63;
        long n = c.xr(w >>> 5 & 31);
        long r;
        switch (op) {
            case 0: r = sf ? Long.reverse(n) : Integer.reverse((int) n) & M32; break;
            case 1: r = rev16(n, sf); break;
            case 2: r = sf ? rev32(n) : Integer.reverseBytes((int) n) & M32; break;
            case 3:
                if (!sf) {
                    return Step.INVALID;
                }
                r = Long.reverseBytes(n);
                break;
            case 4: r = sf ? Long.numberOfLeadingZeros(n) : Integer.numberOfLeadingZeros((int) n); break;
            case 5: r = sf ? Long.numberOfLeadingZeros(n ^ (n >> 1)) - 1
                    : Integer.numberOfLeadingZeros((int) n ^ ((int) n >> 1)) - 1; break;
            default: return Step.INVALID;
        }
        c.setXr(w & 31, r);
        return Step.NEXT;
    }

    private static long rev16(long n, boolean sf) {
        long r = (n & 0x00ff_00ff_00ff_00ffL) << 8 | (n >>> 8 & 0x00ff_00ff_00ff_00ffL);
        return sf ? r : r & M32;
    }

    private static long rev32(long n) {
        return (Integer.reverseBytes((int) (n >>> 32)) & M32) << 32 | (Integer.reverseBytes((int) n) & M32);
    }
}
