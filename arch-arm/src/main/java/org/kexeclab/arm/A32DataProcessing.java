package org.kexeclab.arm;

import java.util.Map;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.Instruction;

/**
 * Data processing: {@code mov/mvn}, {@code add/sub/and/orr/eor/bic} (with {@code s}),
 * {@code tst/cmp/cmn}, with a modified immediate or a (shifted) register, plus
 * {@code movw/movt} and {@code nop}. Like GNU as, an immediate that does not encode is
 * retried with the complementary operation ({@code mov}/{@code mvn}, {@code add}/{@code sub},
 * {@code and}/{@code bic}, {@code cmp}/{@code cmn}), and a plain {@code mov} of a 16-bit
 * value falls back to {@code movw}.
 */
final class A32DataProcessing {

    private static final int AND = 0x0;
    private static final int EOR = 0x1;
    private static final int SUB = 0x2;
    private static final int ADD = 0x4;
    private static final int TST = 0x8;
    private static final int CMP = 0xA;
    private static final int CMN = 0xB;
    private static final int ORR = 0xC;
    private static final int MOV = 0xD;
    private static final int BIC = 0xE;
    private static final int MVN = 0xF;

    private A32DataProcessing() {
    }

    static void register(Map<String, A32Form> forms) {
        forms.put("mov", (ins, m, ctx) -> move(ins, m, ctx, MOV));
        forms.put("mvn", (ins, m, ctx) -> move(ins, m, ctx, MVN));
        forms.put("add", (ins, m, ctx) -> arithmetic(ins, m, ctx, ADD));
        forms.put("sub", (ins, m, ctx) -> arithmetic(ins, m, ctx, SUB));
        forms.put("and", (ins, m, ctx) -> arithmetic(ins, m, ctx, AND));
        forms.put("orr", (ins, m, ctx) -> arithmetic(ins, m, ctx, ORR));
        forms.put("eor", (ins, m, ctx) -> arithmetic(ins, m, ctx, EOR));
        forms.put("bic", (ins, m, ctx) -> arithmetic(ins, m, ctx, BIC));
        forms.put("tst", (ins, m, ctx) -> compare(ins, m, ctx, TST));
        forms.put("cmp", (ins, m, ctx) -> compare(ins, m, ctx, CMP));
        forms.put("cmn", (ins, m, ctx) -> compare(ins, m, ctx, CMN));
        forms.put("movw", (ins, m, ctx) -> wide(ins, m, ctx, 0x03000000));
        forms.put("movt", (ins, m, ctx) -> wide(ins, m, ctx, 0x03400000));
        forms.put("nop", (ins, m, ctx) -> {
            A32Operands.count(ins, 0, 0);
            return m.cond() << 28 | 0x0320F000;
        });
    }

    /** The mnemonics whose base takes an {@code s} suffix. */

    private static int move(Instruction ins, A32Mnemonic m, EncodeContext ctx, int opcode) throws AssemblyException {
        A32Operands.count(ins, 2, 3);
        int rd = A32Operands.register(ins, 0);
        int head = m.cond() << 28 | (m.setsFlags() ? 1 << 20 : 0) | rd << 12;
        if (A32Operands.parseRegister(ins.operands().get(1)) >= 0) {
            return head | opcode << 21 | registerOperand(ins, 1, ctx);
        }
        A32Operands.count(ins, 2, 2);
        int value = A32Operands.word(ins, A32Operands.value(ins.operands().get(1), ctx));
        int field = A32ModifiedImmediate.encode(value);
        if (field != A32ModifiedImmediate.NOT_ENCODABLE) {
            return head | 1 << 25 | opcode << 21 | field;
        }
        field = A32ModifiedImmediate.encode(~value);
        if (field != A32ModifiedImmediate.NOT_ENCODABLE) {
            return head | 1 << 25 | (opcode ^ (MOV ^ MVN)) << 21 | field;
        }
        if (opcode == MOV && !m.setsFlags() && (value & ~0xffff) == 0) {
            return m.cond() << 28 | 0x03000000 | (value >>> 12) << 16 | rd << 12 | (value & 0xfff);
        }
        throw ins.error(notEncodable(value));
    }

    private static int arithmetic(Instruction ins, A32Mnemonic m, EncodeContext ctx, int opcode)
            throws AssemblyException {
        A32Operands.count(ins, 2, 4);
        int rd = A32Operands.register(ins, 0);
        boolean twoOperand = ins.operands().size() == 2;
        int first = twoOperand ? 1 : 2;
        int rn = twoOperand ? rd : A32Operands.register(ins, 1);
        int head = m.cond() << 28 | (m.setsFlags() ? 1 << 20 : 0) | rn << 16 | rd << 12;
        return head | operand2(ins, ctx, opcode, first);
    }

    private static int compare(Instruction ins, A32Mnemonic m, EncodeContext ctx, int opcode) throws AssemblyException {
        A32Operands.count(ins, 2, 3);
        int rn = A32Operands.register(ins, 0);
        return m.cond() << 28 | 1 << 20 | rn << 16 | operand2(ins, ctx, opcode, 1);
    }

    /** Opcode, I bit and operand-2 bits for the operand at {@code index}, with GNU as's fallbacks. */
    private static int operand2(Instruction ins, EncodeContext ctx, int opcode, int index) throws AssemblyException {
        if (A32Operands.parseRegister(ins.operands().get(index)) >= 0) {
            return opcode << 21 | registerOperand(ins, index, ctx);
        }
        A32Operands.count(ins, index + 1, index + 1);
        int value = A32Operands.word(ins, A32Operands.value(ins.operands().get(index), ctx));
        int field = A32ModifiedImmediate.encode(value);
        if (field != A32ModifiedImmediate.NOT_ENCODABLE) {
            return 1 << 25 | opcode << 21 | field;
        }
        int alternative = complement(opcode);
        if (alternative >= 0) {
            boolean negate = opcode == ADD || opcode == SUB || opcode == CMP || opcode == CMN;
            field = A32ModifiedImmediate.encode(negate ? -value : ~value);
            if (field != A32ModifiedImmediate.NOT_ENCODABLE) {
                return 1 << 25 | alternative << 21 | field;
            }
        }
        throw ins.error(notEncodable(value));
    }

    private static int complement(int opcode) {
        switch (opcode) {
            case ADD: return SUB;
            case SUB: return ADD;
            case AND: return BIC;
            case BIC: return AND;
            case CMP: return CMN;
            case CMN: return CMP;
            default: return -1;
        }
    }

    private static int registerOperand(Instruction ins, int index, EncodeContext ctx) throws AssemblyException {
        A32Operands.count(ins, index + 1, index + 2);
        int rm = A32Operands.register(ins, index);
        String shift = ins.operands().size() > index + 1 ? ins.operands().get(index + 1) : null;
        return A32Operands.shiftedRegister(ins, rm, shift, ctx);
    }

    private static int wide(Instruction ins, A32Mnemonic m, EncodeContext ctx, int opcode) throws AssemblyException {
        A32Operands.count(ins, 2, 2);
        int rd = A32Operands.register(ins, 0);
        int imm = (int) A32Operands.range(ins, "immediate", A32Operands.value(ins.operands().get(1), ctx), 0, 0xffff);
        return m.cond() << 28 | opcode | (imm >>> 12) << 16 | rd << 12 | (imm & 0xfff);
    }

    private static String notEncodable(int value) {
        return "constant 0x" + Integer.toHexString(value) + " cannot be encoded (an 8-bit value rotated"
                + " right by an even amount, or its complement); load it with movw/movt or from memory";
    }
}
