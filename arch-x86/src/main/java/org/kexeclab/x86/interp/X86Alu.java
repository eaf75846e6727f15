package org.kexeclab.x86.interp;

import static org.kexeclab.x86.interp.X86Core.AF;
import static org.kexeclab.x86.interp.X86Core.CF;
import static org.kexeclab.x86.interp.X86Core.OF;
import static org.kexeclab.x86.interp.X86Core.PF;
import static org.kexeclab.x86.interp.X86Core.SF;
import static org.kexeclab.x86.interp.X86Core.ZF;

/**
 * Results and RFLAGS of x86 arithmetic, logic, shifts, rotates and multiplies, per the SDM.
 * Each method returns the result and leaves the new arithmetic flags in {@link X86Core#nf}
 * (committed by the caller after its store). Where the SDM leaves a flag undefined the value
 * is QEMU's (so Unicorn agrees), but tests mask it.
 */
final class X86Alu {
    static final int ADD = 0;
    static final int OR = 1;
    static final int ADC = 2;
    static final int SBB = 3;
    static final int AND = 4;
    static final int SUB = 5;
    static final int XOR = 6;
    static final int CMP = 7;

    private X86Alu() {
    }

    static long mask(int size) {
        return size == 8 ? -1L : (1L << (size * 8)) - 1;
    }

    static long sign(int size) {
        return 1L << (size * 8 - 1);
    }

    /** ZF, SF and PF of {@code res} (already masked to the size). */
    static int szp(long res, int size) {
        int f = res == 0 ? ZF : 0;
        if ((res & sign(size)) != 0) {
            f |= SF;
        }
        if ((Integer.bitCount((int) res & 0xff) & 1) == 0) {
            f |= PF;
        }
        return f;
    }

    /** One of the eight group-1 operations ({@link #ADD} .. {@link #CMP}). */
    static long alu(X86Core c, int op, long a, long b, int size) {
        long m = mask(size);
        long sb = sign(size);
        a &= m;
        b &= m;
        long res;
        int f;
        switch (op) {
            case ADD:
            case ADC: {
                long cin = op == ADC ? c.flags & CF : 0;
                res = a + b + cin & m;
                int u = Long.compareUnsigned(res, a);
                f = (cin != 0 ? u <= 0 : u < 0) ? CF : 0;
                f |= ((a ^ res) & (b ^ res) & sb) != 0 ? OF : 0;
                f |= (int) ((a ^ b ^ res) & AF);
                break;
            }
            case SUB:
            case SBB:
            case CMP: {
                long cin = op == SBB ? c.flags & CF : 0;
                res = a - b - cin & m;
                int u = Long.compareUnsigned(a, b);
                f = (cin != 0 ? u <= 0 : u < 0) ? CF : 0;
                f |= ((a ^ b) & (a ^ res) & sb) != 0 ? OF : 0;
                f |= (int) ((a ^ b ^ res) & AF);
                break;
            }
            case OR: res = a | b; f = 0; break;
            case AND: res = a & b; f = 0; break;
            default: res = a ^ b; f = 0;
        }
        c.nf = f | szp(res, size);
        return res;
    }

    /** inc ({@code delta} 1) or dec ({@code delta} -1): like add/sub 1, but CF is kept. */
    static long incDec(X86Core c, long a, int delta, int size) {
        long res = alu(c, delta > 0 ? ADD : SUB, a, 1, size);
        c.nf = c.nf & ~CF | (int) (c.flags & CF);
        return res;
    }

    /** neg: 0 - a; CF set unless a is 0. */
    static long neg(X86Core c, long a, int size) {
        return alu(c, SUB, 0, a, size);
    }

    /**
     * Group-2 shift or rotate {@code op} (0 rol, 1 ror, 4 shl, 5 shr, 6 sal, 7 sar) of {@code a}
     * by the raw count; a masked count of zero changes no flag ({@link X86Core#nf} = the current
     * flags). Returns -1 in {@code c.nf}'s place is never used: rcl/rcr are not here.
     */
    static long shift(X86Core c, int op, long a, int rawCount, int size) {
        int count = rawCount & (size == 8 ? 0x3f : 0x1f);
        int bits = size * 8;
        long m = mask(size);
        a &= m;
        int keep = (int) c.flags & X86Core.ARITH;
        if (count == 0) {
            c.nf = keep;
            return a;
        }
        if (op == 0 || op == 1) {
            return rotate(c, op == 1, a, count, size, keep);
        }
        long res;
        long src;
        if (op == 4 || op == 6) {
            src = a << (count - 1);
            res = (src << 1) & m;
            c.nf = (int) (src >>> (bits - 1)) & 1;
        } else {
            long sa = op == 7 ? a << (64 - bits) >> (64 - bits) : a;
            src = op == 7 ? sa >> (count - 1) : sa >>> (count - 1);
            res = (op == 7 ? src >> 1 : src >>> 1) & m;
            c.nf = (int) src & 1;
        }
        if (((src ^ res) & sign(size)) != 0) {
            c.nf |= OF;
        }
        c.nf |= szp(res, size);
        return res;
    }

    private static long rotate(X86Core c, boolean right, long a, int count, int size, int keep) {
        int bits = size * 8;
        long m = mask(size);
        int k = count % bits;
        long res = k == 0 ? a : right ? (a >>> k | a << (bits - k)) & m : (a << k | a >>> (bits - k)) & m;
        int cf;
        int of;
        if (right) {
            cf = (int) (res >>> (bits - 1)) & 1;
            of = cf ^ (int) (res >>> (bits - 2)) & 1;
        } else {
            cf = (int) res & 1;
            of = cf ^ (int) (res >>> (bits - 1)) & 1;
        }
        c.nf = keep & ~(CF | OF) | cf | (of != 0 ? OF : 0);
        return res;
    }

    /** Unsigned high 64 bits of a * b. */
    static long unsignedHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** Flags of a multiply: CF = OF = {@code overflow}; SF, ZF, PF from {@code low} (QEMU; undefined). */
    static void mulFlags(X86Core c, long low, int size, boolean overflow) {
        c.nf = (overflow ? CF | OF : 0) | szp(low & mask(size), size);
    }
}
