package org.kexeclab.arm;

/**
 * A tiny A32 decoder for the forms the kernel-code locators read: {@code bl} (always),
 * {@code add rd, pc, #imm} ({@code adr}) and {@code ldr rt, [rn, #+imm]} (immediate offset,
 * no writeback), all with condition AL. Field layouts are the Arm ARM's.
 */
public final class A32Decoder {
    private A32Decoder() {
    }

    /** {@code bl label} with condition AL. */
    public static boolean isBl(int w) {
        return (w & 0xff000000) == 0xeb000000;
    }

    /** The target of a {@code b}/{@code bl} at {@code pc} (the pipeline adds 8). */
    public static long branchTarget(int w, long pc) {
        return pc + 8 + (((long) w << 40) >> 38);
    }

    /** {@code add rd, pc, #imm}: the {@code adr} form. */
    public static boolean isAdr(int w) {
        return (w & 0xffff0000) == 0xe28f0000;
    }

    /** The address {@code adr} at {@code pc} computes. */
    public static long adrTarget(int w, long pc) {
        int rot = ((w >>> 8) & 0xf) * 2;
        int imm8 = w & 0xff;
        long imm = Integer.toUnsignedLong(Integer.rotateRight(imm8, rot));
        return pc + 8 + imm;
    }

    /** {@code ldr rt, [rn, #+imm12]} with condition AL, no writeback. */
    public static boolean isLdrImmediate(int w) {
        return (w & 0xfff00000) == 0xe5900000;
    }

    /** The destination register of {@code adr} or {@code ldr}. */
    public static int rd(int w) {
        return (w >>> 12) & 15;
    }

    /** The base register of {@code ldr}. */
    public static int rn(int w) {
        return (w >>> 16) & 15;
    }

    /** The offset of {@code ldr rt, [rn, #+imm12]}. */
    public static int ldrOffset(int w) {
        return w & 0xfff;
    }

    /** The text of a word in the forms above, or its hex. */
    public static String describe(int w, long pc) {
        if (isAdr(w)) {
            return String.format("add r%d, pc, #%d", rd(w), adrTarget(w, pc) - pc - 8);
        }
        if (isLdrImmediate(w)) {
            return String.format("ldr r%d, [r%d, #%d]", rd(w), rn(w), ldrOffset(w));
        }
        if (isBl(w)) {
            return String.format("bl 0x%x", branchTarget(w, pc));
        }
        return String.format(".inst 0x%08x", w);
    }
}
