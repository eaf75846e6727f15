package org.kexeclab.ppc;

/**
 * A tiny PowerPC decoder for the forms the kernel-code locators read: {@code bl} (I-form,
 * relative, link), {@code mflr}, {@code mr} ({@code or rA, rS, rS}), {@code addi} and
 * {@code ld} (DS-form). Fields follow the Power ISA, in least-significant-bit numbering.
 */
public final class PpcDecoder {
    private PpcDecoder() {
    }

    /** The primary opcode. */
    public static int opcode(int w) {
        return w >>> 26;
    }

    /** RT/RS, bits 21-25. */
    public static int rt(int w) {
        return (w >>> 21) & 31;
    }

    /** RA, bits 16-20. */
    public static int ra(int w) {
        return (w >>> 16) & 31;
    }

    /** {@code bl target}: opcode 18, AA 0, LK 1. */
    public static boolean isBl(int w) {
        return opcode(w) == 18 && (w & 3) == 1;
    }

    /** The target of a relative I-form branch at {@code pc}. */
    public static long branchTarget(int w, long pc) {
        return pc + (((long) (w & 0x03fffffc) << 38) >> 38);
    }

    /** {@code mflr rT} ({@code mfspr rT, 8}). */
    public static boolean isMflr(int w) {
        return (w & 0xfc1fffff) == 0x7c0802a6;
    }

    /** {@code mr rA, rS}: {@code or rA, rS, rS} without record. */
    public static boolean isMr(int w) {
        return (w & 0xfc0007ff) == 0x7c000378 && rt(w) == ((w >>> 11) & 31);
    }

    /** {@code addi rT, rA, si} (rA != 0; rA 0 is {@code li}). */
    public static boolean isAddi(int w) {
        return opcode(w) == 14 && ra(w) != 0;
    }

    /** {@code ld rT, ds(rA)}. */
    public static boolean isLd(int w) {
        return opcode(w) == 58 && (w & 3) == 0;
    }

    /** The signed 16-bit immediate of {@code addi}, or the displacement of {@code ld}. */
    public static int displacement(int w) {
        return isLd(w) ? (short) (w & 0xfffc) : (short) w;
    }

    /** The text of a word in the forms above, or its hex. */
    public static String describe(int w, long pc) {
        if (isMflr(w)) {
            return "mflr r" + rt(w);
        }
        if (isBl(w)) {
            return String.format("bl 0x%x", branchTarget(w, pc));
        }
        if (isMr(w)) {
            return String.format("mr r%d, r%d", ra(w), rt(w));
        }
        if (isAddi(w)) {
            return String.format("addi r%d, r%d, %d", rt(w), ra(w), displacement(w));
        }
        if (isLd(w)) {
            return String.format("ld r%d, %d(r%d)", rt(w), displacement(w), ra(w));
        }
        return String.format(".long 0x%08x", w);
    }
}
