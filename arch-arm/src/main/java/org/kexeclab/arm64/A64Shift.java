package org.kexeclab.arm64;

/**
 * A shift written after a register or immediate operand ({@code lsl #3}, {@code asr #63}).
 *
 * @param type   the A64 {@code shift} field: 0 = lsl, 1 = lsr, 2 = asr, 3 = ror
 * @param amount the shift amount as written (not yet range-checked)
 */
public record A64Shift(int type, long amount) {

    /** No shift at all ({@code lsl #0}). */
    public static final A64Shift NONE = new A64Shift(0, 0);

    /** The shift-type field for a lower-case operator name, or -1 if it is not a shift. */
    public static int typeOf(String operator) {
        switch (operator) {
            case "lsl": return 0;
            case "lsr": return 1;
            case "asr": return 2;
            case "ror": return 3;
            default: return -1;
        }
    }
}
