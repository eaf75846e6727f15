package org.kexeclab.ppc;

/**
 * A tiny PowerPC decoder for the forms the kernel-code locators read: {@code bl} (I-form,
 * relative, link), {@code mflr}, {@code mr} ({@code or rA, rS, rS}), {@code addi},
 * {@code addis}, {@code li}, {@code lis}, {@code ori}, {@code lhz}, {@code ld} and
 * {@code stdu} (DS-form). Fields follow the Power ISA, in least-significant-bit numbering.
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

    /** {@code li rT, si}: {@code addi} with rA 0. */
    public static boolean isLi(int w) {
        return opcode(w) == 14 && ra(w) == 0;
    }

    /** {@code addis rT, rA, si} (rA != 0; rA 0 is {@code lis}). */
    public static boolean isAddis(int w) {
        return opcode(w) == 15 && ra(w) != 0;
    }

    /** {@code lis rT, si}: {@code addis} with rA 0. */
    public static boolean isLis(int w) {
        return opcode(w) == 15 && ra(w) == 0;
    }

    /** {@code ori rA, rS, ui} (RS in the rt field, RA in the ra field). */
    public static boolean isOri(int w) {
        return opcode(w) == 24;
    }

    /** {@code lhz rT, d(rA)}. */
    public static boolean isLhz(int w) {
        return opcode(w) == 40;
    }

    /** {@code ld rT, ds(rA)}. */
    public static boolean isLd(int w) {
        return opcode(w) == 58 && (w & 3) == 0;
    }

    /** {@code stdu rS, ds(rA)}. */
    public static boolean isStdu(int w) {
        return opcode(w) == 62 && (w & 3) == 1;
    }

    /**
     * The signed 16-bit immediate of a D-form instruction ({@code addi}, {@code addis},
     * {@code lhz}), or the displacement of a DS-form one ({@code ld}, {@code stdu}).
     */
    public static int displacement(int w) {
        return opcode(w) == 58 || opcode(w) == 62 ? (short) (w & 0xfffc) : (short) w;
    }

    /** The unsigned 16-bit immediate of {@code ori}. */
    public static int unsignedImmediate(int w) {
        return w & 0xffff;
    }
}
