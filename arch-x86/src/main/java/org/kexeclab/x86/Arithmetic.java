package org.kexeclab.x86;

import java.util.List;
import java.util.Map;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.Instruction;

/**
 * The two-operand ALU group ({@code add or adc sbb and sub xor cmp}), {@code test}, shifts
 * ({@code shl sal shr sar rol ror}), bit tests ({@code bt bts btr btc}) and the one-operand
 * {@code inc dec not neg}, with GNU as's choice between imm8, the rax short form and imm32, and
 * in 32-bit code the one-byte {@code inc}/{@code dec} of a register ({@code 40+r}, {@code 48+r},
 * which 64-bit code spends on REX).
 */
final class Arithmetic {

    /** ModRM /digit of each ALU operation; its opcodes are 8*digit + 0..5. */
    private static final Map<String, Integer> ALU = Map.of("add", 0, "or", 1, "adc", 2, "sbb", 3,
            "and", 4, "sub", 5, "xor", 6, "cmp", 7);
    private static final Map<String, Integer> SHIFT = Map.of("rol", 0, "ror", 1, "shl", 4, "sal", 4, "shr", 5, "sar", 7);
    private static final Map<String, Integer> BIT_TEST = Map.of("bt", 4, "bts", 5, "btr", 6, "btc", 7);
    private static final Map<String, int[]> UNARY = Map.of("inc", new int[] {0xff, 0}, "dec", new int[] {0xff, 1},
            "not", new int[] {0xf7, 2}, "neg", new int[] {0xf7, 3});

    private Arithmetic() {
    }

    static boolean handles(String m) {
        return ALU.containsKey(m) || SHIFT.containsKey(m) || BIT_TEST.containsKey(m) || UNARY.containsKey(m) || m.equals("test");
    }

    static byte[] encode(Instruction insn, List<Operand> ops, EncodeContext ctx, X86Mode mode) throws AssemblyException {
        String m = insn.mnemonic();
        if (UNARY.containsKey(m)) {
            X86Encoder.requireCount(insn, ops, 1);
            int[] form = UNARY.get(m);
            Operand op = ops.get(0);
            if (form[0] == 0xff && !mode.isLong() && op instanceof Operand.Reg r) {
                return new byte[] {(byte) (0x40 + 8 * form[1] + X86Encoder.general(insn, r).number())};
            }
            return Encoding.of(insn, ctx, mode, form[0]).size(X86Encoder.operandSize(insn, op, op)).reg(form[1]).rm(regOrMem(insn, op)).bytes();
        }
        X86Encoder.requireCount(insn, ops, 2);
        Operand dst = regOrMem(insn, ops.get(0));
        Operand src = ops.get(1);
        if (ALU.containsKey(m)) {
            return alu(insn, ALU.get(m), dst, src, ctx, mode);
        }
        if (SHIFT.containsKey(m)) {
            return shift(insn, SHIFT.get(m), dst, src, ctx, mode);
        }
        if (BIT_TEST.containsKey(m)) {
            return bitTest(insn, BIT_TEST.get(m), dst, src, ctx, mode);
        }
        return test(insn, dst, src, ctx, mode);
    }

    private static byte[] alu(Instruction insn, int digit, Operand dst, Operand src, EncodeContext ctx, X86Mode mode) throws AssemblyException {
        int bits = X86Encoder.operandSize(insn, dst, src);
        if (src instanceof Operand.Imm imm) {
            long v = X86Encoder.immediate(insn, imm, ctx);
            if (X86Encoder.fitsImm8(imm, v, bits, ctx)) {
                return Encoding.of(insn, ctx, mode, 0x83).size(bits).reg(digit).rm(dst).immediate(v, 1).bytes();
            }
            X86Encoder.checkImm32(insn, v, bits, ctx);
            if (isAccumulator(dst)) {
                return Encoding.of(insn, ctx, mode, 8 * digit + 5).size(bits).rmNone().immediate(v, 4).bytes();
            }
            return Encoding.of(insn, ctx, mode, 0x81).size(bits).reg(digit).rm(dst).immediate(v, 4).bytes();
        }
        if (src instanceof Operand.Reg s) {
            return Encoding.of(insn, ctx, mode, 8 * digit + 1).size(bits).reg(X86Encoder.general(insn, s).number()).rm(dst).bytes();
        }
        OperandRegister d = X86Encoder.general(insn, dst);
        return Encoding.of(insn, ctx, mode, 8 * digit + 3).size(bits).reg(d.number()).rm(src).bytes();
    }

    private static byte[] test(Instruction insn, Operand dst, Operand src, EncodeContext ctx, X86Mode mode) throws AssemblyException {
        int bits = X86Encoder.operandSize(insn, dst, src);
        if (src instanceof Operand.Imm imm) {
            long v = X86Encoder.immediate(insn, imm, ctx);
            X86Encoder.checkImm32(insn, v, bits, ctx);
            if (isAccumulator(dst)) {
                return Encoding.of(insn, ctx, mode, 0xa9).size(bits).rmNone().immediate(v, 4).bytes();
            }
            return Encoding.of(insn, ctx, mode, 0xf7).size(bits).reg(0).rm(dst).immediate(v, 4).bytes();
        }
        Operand reg = src instanceof Operand.Reg ? src : dst;
        Operand other = reg == src ? dst : src;
        return Encoding.of(insn, ctx, mode, 0x85).size(bits).reg(X86Encoder.general(insn, reg).number()).rm(other).bytes();
    }

    private static byte[] shift(Instruction insn, int digit, Operand dst, Operand src, EncodeContext ctx, X86Mode mode) throws AssemblyException {
        int bits = X86Encoder.operandSize(insn, dst, dst);
        if (src instanceof Operand.Reg r && r.register().name().equals("cl")) {
            return Encoding.of(insn, ctx, mode, 0xd3).size(bits).reg(digit).rm(dst).bytes();
        }
        if (!(src instanceof Operand.Imm imm)) {
            throw insn.error("the shift count must be an immediate or cl");
        }
        long count = X86Encoder.immediate(insn, imm, ctx);
        checkByte(insn, count, ctx);
        if (count == 1 && ctx.isConstant(imm.expression())) {
            return Encoding.of(insn, ctx, mode, 0xd1).size(bits).reg(digit).rm(dst).bytes();
        }
        return Encoding.of(insn, ctx, mode, 0xc1).size(bits).reg(digit).rm(dst).immediate(count, 1).bytes();
    }

    private static byte[] bitTest(Instruction insn, int digit, Operand dst, Operand src, EncodeContext ctx, X86Mode mode) throws AssemblyException {
        int bits = X86Encoder.operandSize(insn, dst, src);
        if (src instanceof Operand.Imm imm) {
            long bit = X86Encoder.immediate(insn, imm, ctx);
            checkByte(insn, bit, ctx);
            return Encoding.of(insn, ctx, mode, 0x0f, 0xba).size(bits).reg(digit).rm(dst).immediate(bit, 1).bytes();
        }
        int opcode = 0xa3 + 8 * (digit - 4);
        return Encoding.of(insn, ctx, mode, 0x0f, opcode).size(bits).reg(X86Encoder.general(insn, src).number()).rm(dst).bytes();
    }

    private static void checkByte(Instruction insn, long v, EncodeContext ctx) throws AssemblyException {
        if (ctx.finalPass() && (v < 0 || v > 255)) {
            throw insn.error("count " + v + " does not fit in an unsigned byte");
        }
    }

    private static boolean isAccumulator(Operand op) {
        return op instanceof Operand.Reg r && r.register().number() == 0;
    }

    private static Operand regOrMem(Instruction insn, Operand op) throws AssemblyException {
        if (op instanceof Operand.Imm) {
            throw insn.error("the destination must be a register or memory, not an immediate");
        }
        if (op instanceof Operand.Reg) {
            X86Encoder.general(insn, op);
        }
        return op;
    }
}
