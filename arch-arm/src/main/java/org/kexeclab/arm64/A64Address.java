package org.kexeclab.arm64;

/**
 * A load/store address operand: {@code [xN]}, {@code [xN, #imm]}, {@code [xN, #imm]!}
 * (pre-index), {@code [xN], #imm} (post-index) or {@code [xN, xM{, lsl #s}]}.
 *
 * @param base   the base register (64-bit, may be {@code sp})
 * @param mode   the addressing mode
 * @param offset the immediate offset in bytes (0 for register offset)
 * @param index  the index register for {@link Mode#REGISTER}, else null
 * @param shift  the written {@code lsl} amount for {@link Mode#REGISTER}, or -1 if none
 */
public record A64Address(A64Register base, Mode mode, long offset, A64Register index, int shift) {

    /** How the address is formed and whether the base is written back. */
    public enum Mode {
        /** {@code [xN{, #imm}]}: base + offset, no writeback. */
        OFFSET,
        /** {@code [xN, #imm]!}: base += offset, then access. */
        PRE_INDEX,
        /** {@code [xN], #imm}: access, then base += offset. */
        POST_INDEX,
        /** {@code [xN, xM{, lsl #s}]}: base + (index << s). */
        REGISTER
    }
}
