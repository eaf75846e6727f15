package org.kexeclab.arm64;

/**
 * A tiny A64 decoder for the few forms the kernel-code locators read: {@code adrp},
 * {@code add} (immediate), {@code sub} (register, no shift), {@code ldr} (64-bit, unsigned
 * immediate offset), {@code b}/{@code bl}, {@code cbz}, {@code br} and {@code mov} (register).
 * Field layouts are the Arm ARM's; each predicate is exact for its form.
 */
public final class A64Decoder {
    private A64Decoder() {
    }

    /** Destination (or transfer) register field, bits 0-4. */
    public static int rd(int w) {
        return w & 31;
    }

    /** First source register field, bits 5-9. */
    public static int rn(int w) {
        return (w >>> 5) & 31;
    }

    /** Second source register field, bits 16-20. */
    public static int rm(int w) {
        return (w >>> 16) & 31;
    }

    /** {@code adrp xd, label}. */
    public static boolean isAdrp(int w) {
        return (w & 0x9f000000) == 0x90000000;
    }

    /** The page address {@code adrp} at {@code pc} computes. */
    public static long adrpTarget(int w, long pc) {
        long imm = ((long) ((w >>> 5) & 0x7ffff) << 2) | ((w >>> 29) & 3);
        imm = (imm << 43) >> 43;
        return (pc & ~0xfffL) + (imm << 12);
    }

    /** {@code add xd, xn, #imm{, lsl #12}} (64-bit, flags not set). */
    public static boolean isAddImmediate(int w) {
        return (w & 0xff800000) == 0x91000000;
    }

    /** The immediate of {@code add}, shifted when its {@code sh} bit is set. */
    public static long addImmediate(int w) {
        long imm = (w >>> 10) & 0xfff;
        return (w & (1 << 22)) != 0 ? imm << 12 : imm;
    }

    /** {@code sub xd, xn, xm} (64-bit shifted register with no shift, flags not set). */
    public static boolean isSubRegister(int w) {
        return (w & 0xffe0fc00) == 0xcb000000;
    }

    /** {@code ldr xt, [xn, #imm]} (64-bit, unsigned scaled offset). */
    public static boolean isLdr64Immediate(int w) {
        return (w & 0xffc00000) == 0xf9400000;
    }

    /** The byte offset of {@code ldr xt, [xn, #imm]}. */
    public static int ldr64Offset(int w) {
        return ((w >>> 10) & 0xfff) * 8;
    }

    /** {@code b label}. */
    public static boolean isB(int w) {
        return (w & 0xfc000000) == 0x14000000;
    }

    /** {@code bl label}. */
    public static boolean isBl(int w) {
        return (w & 0xfc000000) == 0x94000000;
    }

    /** The target of {@code b} or {@code bl} at {@code pc}. */
    public static long branchTarget(int w, long pc) {
        long imm = ((long) (w & 0x03ffffff) << 38) >> 36;
        return pc + imm;
    }

    /** {@code cbz xt, label} (64-bit). */
    public static boolean isCbz64(int w) {
        return (w & 0xff000000) == 0xb4000000;
    }

    /** {@code br xn}. */
    public static boolean isBr(int w) {
        return (w & 0xfffffc1f) == 0xd61f0000;
    }

    /** {@code mov xd, xm} ({@code orr xd, xzr, xm}). */
    public static boolean isMovRegister(int w) {
        return (w & 0xffe0ffe0) == 0xaa0003e0;
    }

    /** The text of a word in the forms above ("ldr x28, [x0, #24]"), or its hex. */
    public static String describe(int w, long pc) {
        if (isLdr64Immediate(w)) {
            return String.format("ldr %s, [%s, #%d]", x(rd(w)), xOrSp(rn(w)), ldr64Offset(w));
        }
        if (isAdrp(w)) {
            return String.format("adrp %s, 0x%x", x(rd(w)), adrpTarget(w, pc));
        }
        if (isAddImmediate(w)) {
            return String.format("add %s, %s, #0x%x", xOrSp(rd(w)), xOrSp(rn(w)), addImmediate(w));
        }
        if (isSubRegister(w)) {
            return String.format("sub %s, %s, %s", x(rd(w)), x(rn(w)), x(rm(w)));
        }
        if (isB(w) || isBl(w)) {
            return String.format("%s 0x%x", isBl(w) ? "bl" : "b", branchTarget(w, pc));
        }
        if (isCbz64(w)) {
            return String.format("cbz %s, 0x%x", x(rd(w)), pc + ((((long) w >>> 5) & 0x7ffff) << 45 >> 43));
        }
        if (isBr(w)) {
            return "br " + x(rn(w));
        }
        if (isMovRegister(w)) {
            return String.format("mov %s, %s", x(rd(w)), x(rm(w)));
        }
        return String.format(".inst 0x%08x", w);
    }

    private static String x(int r) {
        return r == 31 ? "xzr" : "x" + r;
    }

    private static String xOrSp(int r) {
        return r == 31 ? "sp" : "x" + r;
    }
}
