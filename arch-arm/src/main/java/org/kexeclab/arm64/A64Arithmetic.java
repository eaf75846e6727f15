package org.kexeclab.arm64;

import java.util.Map;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.Instruction;

/**
 * {@code add/adds/sub/subs} and their aliases {@code cmp/cmn}: 12-bit immediate with
 * optional {@code lsl #12} (GNU as also shifts a multiple of 4096 by itself and turns a
 * negative immediate into the opposite operation), shifted register ({@code lsl/lsr/asr}),
 * and the extended-register form GNU as uses when {@code sp} is an operand.
 */
final class A64Arithmetic {

    private A64Arithmetic() {
    }

    static void register(Map<String, A64Form> forms) {
        forms.put("add", (ins, ctx) -> explicit(ins, ctx, 0, 0));
        forms.put("adds", (ins, ctx) -> explicit(ins, ctx, 0, 1));
        forms.put("sub", (ins, ctx) -> explicit(ins, ctx, 1, 0));
        forms.put("subs", (ins, ctx) -> explicit(ins, ctx, 1, 1));
        forms.put("cmp", (ins, ctx) -> compare(ins, ctx, 1));
        forms.put("cmn", (ins, ctx) -> compare(ins, ctx, 0));
    }

    private static int explicit(Instruction ins, EncodeContext ctx, int sub, int flags) throws AssemblyException {
        A64Operands.count(ins, 3, 4);
        A64Register rd = A64Operands.register(ins, 0);
        if (flags == 1 && rd.isSp()) {
            throw ins.error("adds/subs cannot write sp");
        }
        return encode(ins, ctx, sub, flags, rd, 1);
    }

    private static int compare(Instruction ins, EncodeContext ctx, int sub) throws AssemblyException {
        A64Operands.count(ins, 2, 3);
        A64Register rn = A64Operands.register(ins, 0);
        return encode(ins, ctx, sub, 1, new A64Register(31, rn.is64(), false), 0);
    }

    /** Encodes with {@code rd} given and Rn at operand {@code first}, the second source after it. */
    private static int encode(Instruction ins, EncodeContext ctx, int sub, int flags, A64Register rd, int first)
            throws AssemblyException {
        A64Register rn = A64Operands.register(ins, first);
        A64Operands.sameWidth(ins, rd, rn);
        int head = rd.sf() << 31 | flags << 29 | rn.number() << 5 | rd.number();
        if (A64Operands.isRegister(ins.operands().get(first + 1))) {
            A64Register rm = A64Operands.general(ins, first + 1);
            A64Operands.sameWidth(ins, rd, rm);
            A64Shift shift = ins.operands().size() > first + 2 ? A64Operands.shift(ins, first + 2, ctx) : A64Shift.NONE;
            boolean usesSp = rn.isSp() || (rd.isSp() && flags == 0);
            return (usesSp ? extended(ins, shift) : shifted(ins, shift, rd.is64()))
                    | head | sub << 30 | rm.number() << 16;
        }
        if (rn.isZero() || (rd.isZero() && flags == 0)) {
            throw ins.error("the immediate form takes sp, not the zero register");
        }
        return immediate(ins, ctx, sub, first + 1) | head;
    }

    private static int shifted(Instruction ins, A64Shift shift, boolean is64) throws AssemblyException {
        if (shift.type() == 3) {
            throw ins.error("add/sub cannot rotate (ror) the register operand");
        }
        A64Operands.range(ins, "shift amount", shift.amount(), 0, is64 ? 63 : 31);
        return 0x0B000000 | shift.type() << 22 | (int) shift.amount() << 10;
    }

    private static int extended(Instruction ins, A64Shift shift) throws AssemblyException {
        if (shift.type() != 0) {
            throw ins.error("with sp as an operand only lsl #0..4 is allowed");
        }
        A64Operands.range(ins, "shift amount", shift.amount(), 0, 4);
        return 0x0B200000 | 3 << 13 | (int) shift.amount() << 10;
    }

    /** The immediate fields plus the (possibly flipped) op bit. */
    private static int immediate(Instruction ins, EncodeContext ctx, int sub, int index) throws AssemblyException {
        long imm = A64Operands.immediate(ins, index, ctx);
        boolean explicitShift = ins.operands().size() > index + 1;
        int sh = 0;
        if (explicitShift) {
            A64Shift s = A64Operands.shift(ins, index + 1, ctx);
            if (s.type() != 0 || (s.amount() != 0 && s.amount() != 12)) {
                throw ins.error("immediate shift must be lsl #0 or lsl #12");
            }
            sh = s.amount() == 12 ? 1 : 0;
        }
        if (imm < 0 && imm > -(1L << 24)) {
            imm = -imm;
            sub ^= 1;
        }
        if (!explicitShift && imm > 4095 && (imm & 0xfff) == 0) {
            imm >>= 12;
            sh = 1;
        }
        A64Operands.range(ins, "immediate", imm, 0, 4095);
        return 0x11000000 | sub << 30 | sh << 22 | (int) imm << 10;
    }
}
