package org.kexeclab.x86;

import java.util.List;
import java.util.Set;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.Instruction;

/**
 * {@code mov} (register, memory, immediate, control- and segment-register forms), {@code movabs},
 * {@code lea}, {@code push}, {@code pop}, {@code lgdt} and {@code lidt}. In 32-bit code
 * {@code mov} between the accumulator and an absolute address takes the short {@code moffs}
 * form ({@code a1}/{@code a3}) as GNU as picks it, and {@code movabs} does not exist.
 */
final class DataMoves {

    private static final Set<String> MNEMONICS = Set.of("mov", "movabs", "lea", "push", "pop", "lgdt", "lidt");

    private DataMoves() {
    }

    static boolean handles(String mnemonic) {
        return MNEMONICS.contains(mnemonic);
    }

    static byte[] encode(Instruction insn, List<Operand> ops, EncodeContext ctx, X86Mode mode) throws AssemblyException {
        switch (insn.mnemonic()) {
            case "mov": return mov(insn, ops, ctx, mode);
            case "movabs": return movabs(insn, ops, ctx, mode);
            case "lea": return lea(insn, ops, ctx, mode);
            case "push": return push(insn, ops, ctx, mode);
            case "pop": return pop(insn, ops, ctx, mode);
            default: return descriptorTable(insn, ops, ctx, mode);
        }
    }

    private static byte[] mov(Instruction insn, List<Operand> ops, EncodeContext ctx, X86Mode mode) throws AssemblyException {
        X86Encoder.requireCount(insn, ops, 2);
        Operand dst = ops.get(0);
        Operand src = ops.get(1);
        if (isControl(dst) || isControl(src)) {
            return controlRegister(insn, dst, src, ctx, mode);
        }
        if (isSegment(dst) || isSegment(src)) {
            return segmentRegister(insn, dst, src, ctx, mode);
        }
        if (src instanceof Operand.Imm imm) {
            return movImmediate(insn, dst, imm, ctx, mode);
        }
        int bits = X86Encoder.operandSize(insn, dst, src);
        byte[] moffs = accumulatorAbsolute(insn, dst, src, ctx, mode);
        if (moffs != null) {
            return moffs;
        }
        if (src instanceof Operand.Reg s) {
            requireRegOrMem(insn, dst);
            return Encoding.of(insn, ctx, mode, 0x89).size(bits).reg(X86Encoder.general(insn, s).number()).rm(dst)
                    .bytes();
        }
        OperandRegister d = X86Encoder.general(insn, dst);
        return Encoding.of(insn, ctx, mode, 0x8b).size(bits).reg(d.number()).rm(src).bytes();
    }

    /**
     * 32-bit code's {@code mov eax, [addr]} ({@code a1 moffs32}) and {@code mov [addr], eax}
     * ({@code a3 moffs32}): the forms GNU as picks for the accumulator and an address with no
     * register; null for any other operands or in 64-bit code.
     */
    private static byte[] accumulatorAbsolute(Instruction insn, Operand dst, Operand src, EncodeContext ctx,
                                              X86Mode mode) throws AssemblyException {
        boolean load = dst instanceof Operand.Reg;
        Operand reg = load ? dst : src;
        Operand mem = load ? src : dst;
        if (mode.isLong() || !(reg instanceof Operand.Reg r) || r.register().number() != 0 || !r.register().isGeneral()
                || !(mem instanceof Operand.Mem m) || m.base() != null || m.index() != null) {
            return null;
        }
        byte[] address = X86Encoder.le(ctx.evaluate(m.displacement()), 4);
        byte[] b = new byte[5];
        b[0] = (byte) (load ? 0xa1 : 0xa3);
        System.arraycopy(address, 0, b, 1, 4);
        return b;
    }

    private static byte[] movImmediate(Instruction insn, Operand dst, Operand.Imm imm, EncodeContext ctx, X86Mode mode)
            throws AssemblyException {
        long v = X86Encoder.immediate(insn, imm, ctx);
        if (dst instanceof Operand.Mem m) {
            int bits = X86Encoder.operandSize(insn, m, imm);
            X86Encoder.checkImm32(insn, v, bits, ctx);
            return Encoding.of(insn, ctx, mode, 0xc7).size(bits).reg(0).rm(m).immediate(v, 4).bytes();
        }
        OperandRegister r = X86Encoder.general(insn, dst);
        if (r.bits() == 32) {
            X86Encoder.checkImm32(insn, v, 32, ctx);
            return opcodePlusRegister(0xb8, r, false, X86Encoder.le(v, 4));
        }
        boolean constant = ctx.isConstant(imm.expression());
        if (!constant || X86Encoder.fitsSigned(v, 4)) {
            X86Encoder.checkImm32(insn, v, 64, ctx);
            return Encoding.of(insn, ctx, mode, 0xc7).size(64).reg(0).rm(dst).immediate(v, 4).bytes();
        }
        return opcodePlusRegister(0xb8, r, true, X86Encoder.le(v, 8));
    }

    private static byte[] movabs(Instruction insn, List<Operand> ops, EncodeContext ctx, X86Mode mode)
            throws AssemblyException {
        if (!mode.isLong()) {
            throw insn.error("movabs exists only in 64-bit code");
        }
        X86Encoder.requireCount(insn, ops, 2);
        OperandRegister r = X86Encoder.general(insn, ops.get(0));
        if (r.bits() != 64 || !(ops.get(1) instanceof Operand.Imm imm)) {
            throw insn.error("movabs supports only a 64-bit register and an immediate");
        }
        return opcodePlusRegister(0xb8, r, true, X86Encoder.le(X86Encoder.immediate(insn, imm, ctx), 8));
    }

    private static byte[] controlRegister(Instruction insn, Operand dst, Operand src, EncodeContext ctx, X86Mode mode)
            throws AssemblyException {
        boolean toControl = isControl(dst);
        Operand gpr = toControl ? src : dst;
        Operand cr = toControl ? dst : src;
        OperandRegister g = X86Encoder.general(insn, gpr);
        if (g.bits() != mode.bits() || isControl(gpr)) {
            throw insn.error("control registers move to and from " + mode.bits() + "-bit general registers only");
        }
        int crNumber = ((Operand.Reg) cr).register().number();
        return Encoding.of(insn, ctx, mode, 0x0f, toControl ? 0x22 : 0x20).reg(crNumber).rm(gpr).bytes();
    }

    /**
     * {@code mov sreg, r16/r32} ({@code 8e /r}: GNU as writes no operand-size prefix for either)
     * and {@code mov r32, sreg} ({@code 8c /r}); a segment register never moves to or from
     * memory or another segment register here, and {@code cs} is never loaded this way.
     */
    private static byte[] segmentRegister(Instruction insn, Operand dst, Operand src, EncodeContext ctx, X86Mode mode)
            throws AssemblyException {
        boolean load = isSegment(dst);
        Operand sreg = load ? dst : src;
        Operand other = load ? src : dst;
        OperandRegister s = ((Operand.Reg) sreg).register();
        if (!(other instanceof Operand.Reg r) || r.register().kind() != OperandRegister.Kind.GENERAL
                || r.register().bits() < (load ? 16 : 32) || r.register().bits() > 32) {
            throw insn.error("segment registers move " + (load ? "from a 16- or 32-bit" : "to a 32-bit")
                    + " general register only");
        }
        if (load && s.name().equals("cs")) {
            throw insn.error("cs cannot be loaded with mov: use a far jump");
        }
        return Encoding.of(insn, ctx, mode, load ? 0x8e : 0x8c).reg(s.number()).rm(other).bytes();
    }

    private static byte[] lea(Instruction insn, List<Operand> ops, EncodeContext ctx, X86Mode mode) throws AssemblyException {
        X86Encoder.requireCount(insn, ops, 2);
        OperandRegister r = X86Encoder.general(insn, ops.get(0));
        if (!(ops.get(1) instanceof Operand.Mem m)) {
            throw insn.error("lea needs a memory operand in brackets as its source");
        }
        return Encoding.of(insn, ctx, mode, 0x8d).size(r.bits()).reg(r.number()).rm(m).bytes();
    }

    private static byte[] push(Instruction insn, List<Operand> ops, EncodeContext ctx, X86Mode mode) throws AssemblyException {
        X86Encoder.requireCount(insn, ops, 1);
        Operand op = ops.get(0);
        if (op instanceof Operand.Imm imm) {
            long v = X86Encoder.immediate(insn, imm, ctx);
            if (X86Encoder.fitsImm8(imm, v, mode.bits(), ctx)) {
                return new byte[] {0x6a, (byte) v};
            }
            X86Encoder.checkImm32(insn, v, mode.bits(), ctx);
            byte[] b = new byte[5];
            b[0] = 0x68;
            System.arraycopy(X86Encoder.le(v, 4), 0, b, 1, 4);
            return b;
        }
        return pushOrPop(insn, op, ctx, mode, 0x50, 0xff, 6);
    }

    private static byte[] pop(Instruction insn, List<Operand> ops, EncodeContext ctx, X86Mode mode) throws AssemblyException {
        X86Encoder.requireCount(insn, ops, 1);
        return pushOrPop(insn, ops.get(0), ctx, mode, 0x58, 0x8f, 0);
    }

    private static byte[] pushOrPop(Instruction insn, Operand op, EncodeContext ctx, X86Mode mode, int shortBase,
                                    int memOpcode, int ext) throws AssemblyException {
        if (op instanceof Operand.Mem m) {
            if (m.bits() != mode.bits()) {
                throw insn.error(insn.mnemonic() + " of memory needs " + (mode.isLong() ? "qword" : "dword") + " ptr");
            }
            return Encoding.of(insn, ctx, mode, memOpcode).reg(ext).rm(m).bytes();
        }
        OperandRegister r = X86Encoder.word(insn, op, mode, insn.mnemonic());
        return opcodePlusRegister(shortBase, r, false, new byte[0]);
    }

    private static byte[] descriptorTable(Instruction insn, List<Operand> ops, EncodeContext ctx, X86Mode mode)
            throws AssemblyException {
        X86Encoder.requireCount(insn, ops, 1);
        if (!(ops.get(0) instanceof Operand.Mem m) || m.bits() != 0) {
            throw insn.error(insn.mnemonic() + " takes one memory operand without a size keyword: `[" + (mode.isLong()
                    ? "rax" : "eax") + "]`");
        }
        return Encoding.of(insn, ctx, mode, 0x0f, 0x01).reg(insn.mnemonic().equals("lgdt") ? 2 : 3).rm(m).bytes();
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

    private static boolean isSegment(Operand op) {
        return op instanceof Operand.Reg r && r.register().kind() == OperandRegister.Kind.SEGMENT;
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
