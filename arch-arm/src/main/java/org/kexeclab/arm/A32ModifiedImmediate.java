package org.kexeclab.arm;

/**
 * The A32 data-processing "modified immediate": an 8-bit value rotated right by an even
 * amount (0..30), held in 12 bits as {@code rotate << 8 | imm8}. Like GNU as, the
 * smallest rotation that works is chosen. Allocation-free.
 */
public final class A32ModifiedImmediate {

    /** Returned by {@link #encode} when the value has no such encoding. */
    public static final int NOT_ENCODABLE = -1;

    private A32ModifiedImmediate() {
    }

    /** The 12-bit field for the 32-bit {@code value}, or {@link #NOT_ENCODABLE}. */
    public static int encode(int value) {
        for (int rotation = 0; rotation < 32; rotation += 2) {
            int imm8 = Integer.rotateLeft(value, rotation);
            if ((imm8 & ~0xff) == 0) {
                return (rotation / 2) << 8 | imm8;
            }
        }
        return NOT_ENCODABLE;
    }
}
