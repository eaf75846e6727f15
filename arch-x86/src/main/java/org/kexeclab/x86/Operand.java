package org.kexeclab.x86;

/** One parsed x86 operand in Intel syntax. */
sealed interface Operand permits Operand.Reg, Operand.Imm, Operand.Mem {

    /** A register. */
    record Reg(OperandRegister register) implements Operand {
    }

    /**
     * An immediate value.
     *
     * @param expression the constant expression ({@code offset} keyword already removed)
     * @param offset     true if written as {@code offset label} (an address, never memory)
     */
    record Imm(String expression, boolean offset) implements Operand {
    }

    /**
     * A memory operand {@code [base + index*scale + displacement]}.
     *
     * @param base         base register, {@link OperandRegister.Kind#RIP} for RIP-relative, or null
     * @param index        index register or null
     * @param scale        1, 2, 4 or 8
     * @param displacement displacement expression, {@code "0"} if none
     * @param bits         operand size from {@code qword ptr} (64) / {@code dword ptr} (32), 0 if not given
     */
    record Mem(OperandRegister base, OperandRegister index, int scale, String displacement, int bits) implements Operand {

        /** True for {@code [rip + ...]}. */
        boolean ripRelative() {
            return base != null && base.kind() == OperandRegister.Kind.RIP;
        }
    }
}
