package org.kexeclab.arm64;

import java.util.Map;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.Instruction;

/**
 * {@code mov} (register, to/from {@code sp}, and the immediate alias resolved like GNU as:
 * {@code movz}, else {@code movn}, else {@code orr} with a bitmask immediate),
 * {@code movz/movn/movk} with {@code lsl #0/16/32/48}, and the shift aliases
 * {@code lsl/lsr/asr} (immediate: {@code ubfm/sbfm}; register: {@code lslv/lsrv/asrv}).
 */
final class A64Moves {

    private static final int MOVN = 0;
    private static final int MOVZ = 2;
    private static final int MOVK = 3;

    private A64Moves() {
    }

    static void register(Map<String, A64Form> forms) {
        forms.put("mov", A64Moves::mov);
        forms.put("movz", (ins, ctx) -> wide(ins, ctx, MOVZ));
        forms.put("movn", (ins, ctx) -> wide(ins, ctx, MOVN));
        forms.put("movk", (ins, ctx) -> wide(ins, ctx, MOVK));
        forms.put("lsl", (ins, ctx) -> shift(ins, ctx, 0));
        forms.put("lsr", (ins, ctx) -> shift(ins, ctx, 1));
        forms.put("asr", (ins, ctx) -> shift(ins, ctx, 2));
    }

    private static int mov(Instruction ins, EncodeContext ctx) throws AssemblyException {
        A64Operands.count(ins, 2, 2);
        A64Register rd = A64Operands.register(ins, 0);
        if (!A64Operands.isRegister(ins.operands().get(1))) {
            return movImmediate(ins, rd, A64Operands.immediate(ins, 1, ctx));
        }
        A64Register rs = A64Operands.register(ins, 1);
        A64Operands.sameWidth(ins, rd, rs);
        if (rd.isSp() || rs.isSp()) {
            return 0x11000000 | rd.sf() << 31 | rs.number() << 5 | rd.number();
        }
        return A64Logical.moveRegister(rd, rs);
    }

    private static int movImmediate(Instruction ins, A64Register rd, long value) throws AssemblyException {
        int width = rd.is64() ? 64 : 32;
        if (!rd.is64()) {
            long high = value >> 32;
            if (high != 0 && high != -1) {
                throw ins.error("immediate does not fit a 32-bit register");
            }
        }
        long mask = rd.is64() ? -1L : 0xffffffffL;
        long v = value & mask;
        if (!rd.isSp()) {
            int hw = singleChunk(v);
            if (hw >= 0) {
                return wideWord(MOVZ, rd, hw, (int) (v >>> (16 * hw)) & 0xffff);
            }
            hw = singleChunk(~v & mask);
            if (hw >= 0) {
                return wideWord(MOVN, rd, hw, (int) ((~v & mask) >>> (16 * hw)) & 0xffff);
            }
        }
        int field = A64BitmaskImmediate.encode(v, width);
        if (field == A64BitmaskImmediate.NOT_ENCODABLE) {
            throw ins.error("0x" + Long.toHexString(value) + " cannot be moved by a single instruction"
                    + " (use movz and movk, or a literal load)");
        }
        return A64Logical.moveBitmask(rd, field);
    }

    /** The 16-bit chunk index holding every set bit of {@code v} (0 for zero), or -1. */
    private static int singleChunk(long v) {
        for (int hw = 0; hw < 4; hw++) {
            if ((v & ~(0xffffL << (16 * hw))) == 0) {
                return hw;
            }
        }
        return -1;
    }

    private static int wide(Instruction ins, EncodeContext ctx, int opc) throws AssemblyException {
        A64Operands.count(ins, 2, 3);
        A64Register rd = A64Operands.general(ins, 0);
        long imm = A64Operands.range(ins, "immediate", A64Operands.immediate(ins, 1, ctx), 0, 0xffff);
        int hw = 0;
        if (ins.operands().size() == 3) {
            A64Shift s = A64Operands.shift(ins, 2, ctx);
            if (s.type() != 0 || (s.amount() & 15) != 0) {
                throw ins.error("shift must be lsl by a multiple of 16");
            }
            hw = (int) (A64Operands.range(ins, "shift amount", s.amount(), 0, rd.is64() ? 48 : 16) / 16);
        }
        return wideWord(opc, rd, hw, (int) imm);
    }

    private static int wideWord(int opc, A64Register rd, int hw, int imm16) {
        return 0x12800000 | rd.sf() << 31 | opc << 29 | hw << 21 | imm16 << 5 | rd.number();
    }

    private static int shift(Instruction ins, EncodeContext ctx, int type) throws AssemblyException {
        A64Operands.count(ins, 3, 3);
        A64Register rd = A64Operands.general(ins, 0);
        A64Register rn = A64Operands.general(ins, 1);
        A64Operands.sameWidth(ins, rd, rn);
        int head = rd.sf() << 31 | rn.number() << 5 | rd.number();
        if (A64Operands.isRegister(ins.operands().get(2))) {
            A64Register rm = A64Operands.general(ins, 2);
            A64Operands.sameWidth(ins, rd, rm);
            return 0x1AC02000 | head | rm.number() << 16 | type << 10;
        }
        int width = rd.is64() ? 64 : 32;
        int s = (int) A64Operands.range(ins, "shift amount", A64Operands.immediate(ins, 2, ctx), 0, width - 1);
        int immr = type == 0 ? (width - s) % width : s;
        int imms = type == 0 ? width - 1 - s : width - 1;
        int opc = type == 2 ? 0 : 2;
        return 0x13000000 | head | opc << 29 | rd.sf() << 22 | immr << 16 | imms << 10;
    }
}
