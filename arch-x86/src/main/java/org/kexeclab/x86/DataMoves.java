package org.kexeclab.x86;

import java.util.List;
import java.util.Set;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.Instruction;

/**
 * {@code mov} (register, memory, immediate and control-register forms), {@code movabs},
 * {@code lea}, {@code push}, {@code pop}, {@code lgdt} and {@code lidt}.
 */
final class DataMoves {

    private static final Set<String> MNEMONICS = Set.of("mov", "movabs", "lea", "push", "pop", "lgdt", "lidt");

    private DataMoves() {
    }

    static boolean handles(String mnemonic) {
        return MNEMONICS.contains(mnemonic);
    }

    static byte[] encode(Instruction insn, List<Operand> ops, EncodeContext ctx) throws AssemblyException {
        switch (insn.mnemonic()) {
            case "mov": return mov(insn, ops, ctx);
            case "movabs": return movabs(insn, ops, ctx);
            case "lea": return lea(insn, ops, ctx);
            case "push": return push(insn, ops, ctx);
            case "pop": return pop(insn, ops, ctx);
            default: return descriptorTable(insn, ops, ctx);
        }
    }

    private static byte[] mov(Instruction insn, List<Operand> ops, EncodeContext ctx) throws AssemblyException {
        X86Encoder.requireCount(insn, ops, 2);
        Operand dst = ops.get(0);
        Operand src = ops.get(1);
        if (isControl(dst) || isControl(src)) {
            return controlRegister(insn, dst, src, ctx);
        }
        if (src instanceof Operand.Imm imm) {
            return movImmediate(insn, dst, imm, ctx);
        }
        int bits = X86Encoder.operandSize(insn, dst, src);
        if (src instanceof Operand.Reg s) {
            requireRegOrMem(insn, dst);
            return Encoding.of(insn, ctx, 0x89).size(bits).reg(X86Encoder.general(insn, s).number()).rm(dst).bytes();
        }
        OperandRegister d = X86Encoder.general(insn, dst);
        return Encoding.of(insn, ctx, 0x8b).size(bits).reg(d.number()).rm(src).bytes();
    }

    private static byte[] movImmediate(Instruction insn, Operand dst, Operand.Imm imm, EncodeContext ctx)
            throws AssemblyException {
        long v = X86Encoder.immediate(insn, imm, ctx);
        if (dst instanceof Operand.Mem m) {
            int bits = X86Encoder.operandSize(insn, m, imm);
            X86Encoder.checkImm32(insn, v, bits, ctx);
            return Encoding.of(insn, ctx, 0xc7).size(bits).reg(0).rm(m).immediate(v, 4).bytes();
        }
        OperandRegister r = X86Encoder.general(insn, dst);
        if (r.bits() == 32) {
            X86Encoder.checkImm32(insn, v, 32, ctx);
            return opcodePlusRegister(0xb8, r, false, X86Encoder.le(v, 4));
        }
        boolean constant = ctx.isConstant(imm.expression());
        if (!constant || X86Encoder.fitsSigned(v, 4)) {
            X86Encoder.checkImm32(insn, v, 64, ctx);
            return Encoding.of(insn, ctx, 0xc7).size(64).reg(0).rm(dst).immediate(v, 4).bytes();
        }
        return opcodePlusRegister(0xb8, r, true, X86Encoder.le(v, 8));
    }

    private static byte[] movabs(Instruction insn, List<Operand> ops, EncodeContext ctx) throws AssemblyException {
        X86Encoder.requireCount(insn, ops, 2);
        OperandRegister r = X86Encoder.general(insn, ops.get(0));
        if (r.bits() != 64 || !(ops.get(1) instanceof Operand.Imm imm)) {
            throw insn.error("movabs supports only a 64-bit register and an immediate");
        }
        return opcodePlusRegister(0xb8, r, true, X86Encoder.le(X86Encoder.immediate(insn, imm, ctx), 8));
    }

    private static byte[] controlRegister(Instruction insn, Operand dst, Operand src, EncodeContext ctx)
            throws AssemblyException {
        boolean toControl = isControl(dst);
        Operand gpr = toControl ? src : dst;
        Operand cr = toControl ? dst : src;
        OperandRegister g = X86Encoder.general(insn, gpr);
        if (g.bits() != 64 || isControl(gpr)) {
            throw insn.error("control registers move to and from 64-bit general registers only");
        }
        int crNumber = ((Operand.Reg) cr).register().number();
        return Encoding.of(insn, ctx, 0x0f, toControl ? 0x22 : 0x20).reg(crNumber).rm(gpr).bytes();
    }

    private static byte[] lea(Instruction insn, List<Operand> ops, EncodeContext ctx) throws AssemblyException {
        X86Encoder.requireCount(insn, ops, 2);
        OperandRegister r = X86Encoder.general(insn, ops.get(0));
        if (!(ops.get(1) instanceof Operand.Mem m)) {
            throw insn.error("lea needs a memory operand in brackets as its source");
        }
        return Encoding.of(insn, ctx, 0x8d).size(r.bits()).reg(r.number()).rm(m).bytes();
    }

    private static byte[] push(Instruction insn, List<Operand> ops, EncodeContext ctx) throws AssemblyException {
        X86Encoder.requireCount(insn, ops, 1);
        Operand op = ops.get(0);
        if (op instanceof Operand.Imm imm) {
            long v = X86Encoder.immediate(insn, imm, ctx);
            if (X86Encoder.fitsImm8(imm, v, 64, ctx)) {
                return new byte[] {0x6a, (byte) v};
            }
            X86Encoder.checkImm32(insn, v, 64, ctx);
            byte[] b = new byte[5];
            b[0] = 0x68;
            System.arraycopy(X86Encoder.le(v, 4), 0, b, 1, 4);
            return b;
        }
        return pushOrPop(insn, op, ctx, 0x50, 0xff, 6);
    }

    private static byte[] pop(Instruction insn, List<Operand> ops, EncodeContext ctx) throws AssemblyException {
        X86Encoder.requireCount(insn, ops, 1);
        return pushOrPop(insn, ops.get(0), ctx, 0x58, 0x8f, 0);
    }

    private static byte[] pushOrPop(Instruction insn, Operand op, EncodeContext ctx, int shortBase, int memOpcode, int ext)
            throws AssemblyException {
        if (op instanceof Operand.Mem m) {
            if (m.bits() != 64) {
                throw insn.error(insn.mnemonic() + " of memory needs qword ptr");
            }
            return Encoding.of(insn, ctx, memOpcode).reg(ext).rm(m).bytes();
        }
        OperandRegister r = X86Encoder.general(insn, op);
        if (r.bits() != 64) {
            throw insn.error(insn.mnemonic() + " takes a 64-bit register in 64-bit mode");
        }
        return opcodePlusRegister(shortBase, r, false, new byte[0]);
    }

    private static byte[] descriptorTable(Instruction insn, List<Operand> ops, EncodeContext ctx) throws AssemblyException {
        X86Encoder.requireCount(insn, ops, 1);
        if (!(ops.get(0) instanceof Operand.Mem m) || m.bits() != 0) {
            throw insn.error(insn.mnemonic() + " takes one memory operand without a size keyword: `[rax]`");
        }
        return Encoding.of(insn, ctx, 0x0f, 0x01).reg(insn.mnemonic().equals("lgdt") ? 2 : 3).rm(m).bytes();
    }

    /** Encodings like {@code B8+r}: optional REX (W and/or B), the opcode plus low register bits, then a tail. */
    private static byte[] opcodePlusRegister(int base, OperandRegister r, boolean rexW, byte[] tail) {
        int rex = (rexW ? 8 : 0) | r.high();
        byte[] b = new byte[(rex != 0 ? 2 : 1) + tail.length];
        int i = 0;
        if (rex != 0) {
            b[i++] = (byte) (0x40 | rex);
        }
        b[i++] = (byte) (base + r.low3());
        System.arraycopy(tail, 0, b, i, tail.length);
        return b;
    }

    private static boolean isControl(Operand op) {
        return op instanceof Operand.Reg r && r.register().kind() == OperandRegister.Kind.CONTROL;
    }

    private static void requireRegOrMem(Instruction insn, Operand op) throws AssemblyException {
        if (op instanceof Operand.Imm) {
            throw insn.error("the destination cannot be an immediate");
        }
        if (op instanceof Operand.Reg) {
            X86Encoder.general(insn, op);
        }
    }
}
