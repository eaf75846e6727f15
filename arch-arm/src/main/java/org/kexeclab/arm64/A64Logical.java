package org.kexeclab.arm64;

import java.util.Map;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.Instruction;

/**
 * {@code and/orr/eor/ands} with a bitmask immediate or a shifted register, and the aliases
 * {@code tst} (ands to the zero register) and {@code mvn} (orn from the zero register).
 */
final class A64Logical {

    private static final int AND = 0;
    private static final int ORR = 1;
    private static final int EOR = 2;
    private static final int ANDS = 3;

    private A64Logical() {
    }

    static void register(Map<String, A64Form> forms) {
        forms.put("and", (ins, ctx) -> explicit(ins, ctx, AND));
        forms.put("orr", (ins, ctx) -> explicit(ins, ctx, ORR));
        forms.put("eor", (ins, ctx) -> explicit(ins, ctx, EOR));
        forms.put("ands", (ins, ctx) -> explicit(ins, ctx, ANDS));
        forms.put("tst", A64Logical::test);
        forms.put("mvn", A64Logical::not);
    }

    private static int explicit(Instruction ins, EncodeContext ctx, int opc) throws AssemblyException {
        A64Operands.count(ins, 3, 4);
        A64Register rd = A64Operands.register(ins, 0);
        return encode(ins, ctx, opc, rd, 1);
    }

    private static int test(Instruction ins, EncodeContext ctx) throws AssemblyException {
        A64Operands.count(ins, 2, 3);
        A64Register rn = A64Operands.general(ins, 0);
        return encode(ins, ctx, ANDS, new A64Register(31, rn.is64(), false), 0);
    }

    private static int not(Instruction ins, EncodeContext ctx) throws AssemblyException {
        A64Operands.count(ins, 2, 3);
        A64Register rd = A64Operands.general(ins, 0);
        A64Register rm = A64Operands.general(ins, 1);
        A64Operands.sameWidth(ins, rd, rm);
        A64Shift shift = ins.operands().size() > 2 ? A64Operands.shift(ins, 2, ctx) : A64Shift.NONE;
        return shiftedRegister(ins, ORR, rd, new A64Register(31, rd.is64(), false), rm, shift) | 1 << 21;
    }

    private static int encode(Instruction ins, EncodeContext ctx, int opc, A64Register rd, int first)
            throws AssemblyException {
        A64Register rn = A64Operands.general(ins, first);
        A64Operands.sameWidth(ins, rd, rn);
        if (A64Operands.isRegister(ins.operands().get(first + 1))) {
            if (rd.isSp()) {
                throw ins.error("the register form cannot write sp");
            }
            A64Register rm = A64Operands.general(ins, first + 1);
            A64Operands.sameWidth(ins, rd, rm);
            A64Shift shift = ins.operands().size() > first + 2 ? A64Operands.shift(ins, first + 2, ctx) : A64Shift.NONE;
            return shiftedRegister(ins, opc, rd, rn, rm, shift);
        }
        A64Operands.count(ins, first + 2, first + 2);
        if (opc == ANDS ? rd.isSp() : rd.isZero()) {
            throw ins.error(opc == ANDS ? "ands cannot write sp" : "the immediate form writes sp, not the zero register");
        }
        long value = A64Operands.immediate(ins, first + 1, ctx);
        return immediateForm(opc, rd, rn, bitmask(ins, value, rd.is64()));
    }

    /** The {@code N:immr:imms} field for {@code value}, or a failure naming the value. */
    static int bitmask(Instruction ins, long value, boolean is64) throws AssemblyException {
        if (!is64) {
            long high = value >> 32;
            if (high != 0 && high != -1) {
                throw ins.error("immediate does not fit a 32-bit operation");
            }
        }
        int field = A64BitmaskImmediate.encode(value, is64 ? 64 : 32);
        if (field == A64BitmaskImmediate.NOT_ENCODABLE) {
            throw ins.error("0x" + Long.toHexString(value) + " is not a valid bitmask immediate"
                    + " (a rotated run of ones repeated in 2..64-bit elements; not 0 or all ones)");
        }
        return field;
    }

    /** The logical-immediate instruction word. */
    static int immediateForm(int opc, A64Register rd, A64Register rn, int field) {
        return 0x12000000 | rd.sf() << 31 | opc << 29 | field << 10 | rn.number() << 5 | rd.number();
    }

    private static int shiftedRegister(Instruction ins, int opc, A64Register rd, A64Register rn, A64Register rm,
            A64Shift shift) throws AssemblyException {
        A64Operands.range(ins, "shift amount", shift.amount(), 0, rd.is64() ? 63 : 31);
        return 0x0A000000 | rd.sf() << 31 | opc << 29 | shift.type() << 22 | rm.number() << 16
                | (int) shift.amount() << 10 | rn.number() << 5 | rd.number();
    }

    /** {@code orr rd, zr, rm}: the register move. */
    static int moveRegister(A64Register rd, A64Register rm) {
        return 0x0A000000 | rd.sf() << 31 | ORR << 29 | rm.number() << 16 | 31 << 5 | rd.number();
    }

    /** {@code orr rd, zr, #bitmask}: the bitmask move. */
    static int moveBitmask(A64Register rd, int field) {
        return immediateForm(ORR, rd, new A64Register(31, rd.is64(), false), field);
    }
}
