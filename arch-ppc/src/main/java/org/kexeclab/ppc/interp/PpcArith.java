package org.kexeclab.ppc.interp;

/**
 * Additions with carry and overflow as PowerPC defines them: CA is the carry out of the
 * mode's width (64 bits with MSR[SF], else 32), OV the signed overflow in that width; on ppc64
 * (Power ISA 3.0) CA32 and OV32 also record the 32-bit carry and overflow.
 */
final class PpcArith {
    static final long SO = 0x8000_0000L;
    static final long OV = 0x4000_0000L;
    static final long CA = 0x2000_0000L;
    static final long OV32 = 0x8_0000L;
    static final long CA32 = 0x4_0000L;

    private PpcArith() {
    }

    /** XER[CA] as 0 or 1. */
    static int ca(PpcCore c) {
        return (c.xer & CA) != 0 ? 1 : 0;
    }

    /** {@code a + b + carryIn}, setting CA (and CA32) when {@code setCarry}, OV/SO when {@code oe}. */
    static long add(PpcCore c, long a, long b, int carryIn, boolean setCarry, boolean oe) {
        long r = a + b + carryIn;
        if (setCarry) {
            setCarry(c, a, b, carryIn);
        }
        if (oe) {
            setOverflow(c, ((a ^ r) & (b ^ r)) < 0, (((int) a ^ (int) r) & ((int) b ^ (int) r)) < 0);
        }
        return r;
    }

    private static void setCarry(PpcCore c, long a, long b, int carryIn) {
        boolean carry32 = ((a & PpcCore.M32) + (b & PpcCore.M32) + carryIn) >>> 32 != 0;
        boolean carry;
        if (c.sf) {
            long s = a + b;
            carry = Long.compareUnsigned(s, a) < 0 || Long.compareUnsigned(s + carryIn, s) < 0;
        } else {
            carry = carry32;
        }
        long x = c.xer & ~(CA | CA32);
        if (carry) {
            x |= CA;
        }
        if (carry32 && c.is64) {
            x |= CA32;
        }
        c.xer = x;
    }

    /** Sets OV (and OV32) from the mode's overflow; a set OV also sets the sticky SO. */
    static void setOverflow(PpcCore c, boolean overflow64, boolean overflow32) {
        boolean ov = c.sf ? overflow64 : overflow32;
        long x = c.xer & ~(OV | OV32);
        if (ov) {
            x |= OV | SO;
        }
        if (overflow32 && c.is64) {
            x |= OV32;
        }
        c.xer = x;
    }

    /** Sets CA and CA32 to {@code carry} (shifts set both alike). */
    static void setShiftCarry(PpcCore c, boolean carry) {
        long x = c.xer & ~(CA | CA32);
        if (carry) {
            x |= CA | (c.is64 ? CA32 : 0);
        }
        c.xer = x;
    }
}
