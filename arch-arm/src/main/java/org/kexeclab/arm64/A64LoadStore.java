package org.kexeclab.arm64;

import java.util.Map;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.Instruction;

/**
 * {@code ldr/str} (x and w registers: unsigned scaled offset, unscaled offset as GNU as
 * picks it, pre-index, post-index, register offset with optional {@code lsl}, and
 * pc-relative literal for {@code ldr}) and {@code ldp/stp} (signed offset, pre-index,
 * post-index).
 */
final class A64LoadStore {

    private A64LoadStore() {
    }

    static void register(Map<String, A64Form> forms) {
        forms.put("ldr", (ins, ctx) -> single(ins, ctx, 1));
        forms.put("str", (ins, ctx) -> single(ins, ctx, 0));
        forms.put("ldp", (ins, ctx) -> pair(ins, ctx, 1));
        forms.put("stp", (ins, ctx) -> pair(ins, ctx, 0));
    }

    private static int single(Instruction ins, EncodeContext ctx, int load) throws AssemblyException {
        A64Operands.count(ins, 2, 3);
        A64Register rt = A64Operands.general(ins, 0);
        if (ins.operands().get(1).trim().startsWith("=")) {
            throw ins.error("literal pools (ldr xN, =value) are not supported; use movz/movk or a labelled .quad");
        }
        if (!ins.operands().get(1).trim().startsWith("[")) {
            if (load == 0 || ins.operands().size() != 2) {
                throw ins.error("str needs an address in brackets");
            }
            return literal(ins, ctx, rt);
        }
        A64Address a = A64Operands.address(ins, 1, ctx);
        int scale = rt.is64() ? 3 : 2;
        int head = (rt.is64() ? 3 : 2) << 30 | load << 22 | a.base().number() << 5 | rt.number();
        switch (a.mode()) {
            case OFFSET:
                return offset(ins, a.offset(), scale, head);
            case PRE_INDEX:
                return 0x38000C00 | head | imm9(ins, a.offset());
            case POST_INDEX:
                return 0x38000400 | head | imm9(ins, a.offset());
            default:
                return 0x38206800 | head | a.index().number() << 16 | indexShift(ins, a.shift(), scale) << 12;
        }
    }

    /** Scaled unsigned 12-bit offset when it fits, else the unscaled 9-bit form (ldur/stur). */
    private static int offset(Instruction ins, long offset, int scale, int head) throws AssemblyException {
        long scaled = offset >> scale;
        if (offset >= 0 && (offset & ((1 << scale) - 1)) == 0 && scaled <= 4095) {
            return 0x39000000 | head | (int) scaled << 10;
        }
        if (offset >= -256 && offset <= 255) {
            return 0x38000000 | head | imm9(ins, offset);
        }
        throw ins.error("immediate offset " + offset + " out of range (0 to " + (4095 << scale)
                + " in steps of " + (1 << scale) + ", or -256 to 255)");
    }

    private static int imm9(Instruction ins, long offset) throws AssemblyException {
        A64Operands.range(ins, "immediate offset", offset, -256, 255);
        return ((int) offset & 0x1ff) << 12;
    }

    private static int indexShift(Instruction ins, int shift, int scale) throws AssemblyException {
        if (shift <= 0) {
            return 0;
        }
        if (shift != scale) {
            throw ins.error("index shift must be lsl #0 or lsl #" + scale + " for this register size");
        }
        return 1;
    }

    private static int literal(Instruction ins, EncodeContext ctx, A64Register rt) throws AssemblyException {
        long offset = A64Operands.target(ins, 1, ctx);
        if ((offset & 3) != 0) {
            throw ins.error("pc-relative load target is not 4-byte aligned");
        }
        A64Operands.range(ins, "pc-relative load offset", offset, -(1L << 20), (1L << 20) - 4);
        int opc = rt.is64() ? 0x58000000 : 0x18000000;
        return opc | ((int) (offset >> 2) & 0x7ffff) << 5 | rt.number();
    }

    private static int pair(Instruction ins, EncodeContext ctx, int load) throws AssemblyException {
        A64Operands.count(ins, 3, 4);
        A64Register rt = A64Operands.general(ins, 0);
        A64Register rt2 = A64Operands.general(ins, 1);
        A64Operands.sameWidth(ins, rt, rt2);
        A64Address a = A64Operands.address(ins, 2, ctx);
        int scale = rt.is64() ? 3 : 2;
        if ((a.offset() & ((1 << scale) - 1)) != 0) {
            throw ins.error("pair offset must be a multiple of " + (1 << scale));
        }
        long imm7 = A64Operands.range(ins, "pair offset", a.offset(), -64L << scale, 63L << scale) >> scale;
        int mode;
        switch (a.mode()) {
            case POST_INDEX: mode = 1; break;
            case OFFSET: mode = 2; break;
            case PRE_INDEX: mode = 3; break;
            default: throw ins.error("ldp/stp take no register offset");
        }
        return 0x28000000 | (rt.is64() ? 2 : 0) << 30 | mode << 23 | load << 22
                | ((int) imm7 & 0x7f) << 15 | rt2.number() << 10 | a.base().number() << 5 | rt.number();
    }
}
