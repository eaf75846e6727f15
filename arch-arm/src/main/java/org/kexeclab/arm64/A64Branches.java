package org.kexeclab.arm64;

import java.util.Map;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.Instruction;

/**
 * Branches and pc-relative addresses: {@code b}, {@code bl}, {@code b.cond} (all sixteen
 * condition names plus {@code hs/lo}), {@code cbz/cbnz}, {@code tbz/tbnz},
 * {@code br/blr/ret} and {@code adr}.
 */
final class A64Branches {

    /** Condition names in encoding order; {@code hs} = {@code cs}, {@code lo} = {@code cc}. */
    private static final String[] CONDITIONS = {
        "eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"};

    private A64Branches() {
    }

    static void register(Map<String, A64Form> forms) {
        forms.put("b", (ins, ctx) -> immediate(ins, ctx, 0x14000000));
        forms.put("bl", (ins, ctx) -> immediate(ins, ctx, 0x94000000));
        for (int c = 0; c < CONDITIONS.length; c++) {
            int cond = c;
            forms.put("b." + CONDITIONS[c], (ins, ctx) -> conditional(ins, ctx, cond));
        }
        forms.put("b.hs", (ins, ctx) -> conditional(ins, ctx, 2));
        forms.put("b.lo", (ins, ctx) -> conditional(ins, ctx, 3));
        forms.put("cbz", (ins, ctx) -> compareBranch(ins, ctx, 0x34000000));
        forms.put("cbnz", (ins, ctx) -> compareBranch(ins, ctx, 0x35000000));
        forms.put("tbz", (ins, ctx) -> testBranch(ins, ctx, 0x36000000));
        forms.put("tbnz", (ins, ctx) -> testBranch(ins, ctx, 0x37000000));
        forms.put("br", (ins, ctx) -> toRegister(ins, 0xD61F0000));
        forms.put("blr", (ins, ctx) -> toRegister(ins, 0xD63F0000));
        forms.put("ret", (ins, ctx) -> toRegister(ins, 0xD65F0000));
        forms.put("adr", A64Branches::adr);
    }

    private static int immediate(Instruction ins, EncodeContext ctx, int opcode) throws AssemblyException {
        A64Operands.count(ins, 1, 1);
        return opcode | A64Operands.branchOffset(ins, A64Operands.target(ins, 0, ctx), 26);
    }

    private static int conditional(Instruction ins, EncodeContext ctx, int cond) throws AssemblyException {
        A64Operands.count(ins, 1, 1);
        return 0x54000000 | A64Operands.branchOffset(ins, A64Operands.target(ins, 0, ctx), 19) << 5 | cond;
    }

    private static int compareBranch(Instruction ins, EncodeContext ctx, int opcode) throws AssemblyException {
        A64Operands.count(ins, 2, 2);
        A64Register rt = A64Operands.general(ins, 0);
        int imm19 = A64Operands.branchOffset(ins, A64Operands.target(ins, 1, ctx), 19);
        return opcode | rt.sf() << 31 | imm19 << 5 | rt.number();
    }

    private static int testBranch(Instruction ins, EncodeContext ctx, int opcode) throws AssemblyException {
        A64Operands.count(ins, 3, 3);
        A64Register rt = A64Operands.general(ins, 0);
        long bit = A64Operands.range(ins, "bit number", A64Operands.immediate(ins, 1, ctx), 0, rt.is64() ? 63 : 31);
        int imm14 = A64Operands.branchOffset(ins, A64Operands.target(ins, 2, ctx), 14);
        return opcode | (int) (bit >> 5) << 31 | (int) (bit & 31) << 19 | imm14 << 5 | rt.number();
    }

    private static int toRegister(Instruction ins, int opcode) throws AssemblyException {
        A64Operands.count(ins, opcode == 0xD65F0000 ? 0 : 1, 1);
        int rn = 30;
        if (!ins.operands().isEmpty()) {
            rn = A64Operands.general64(ins, 0).number();
        }
        return opcode | rn << 5;
    }

    private static int adr(Instruction ins, EncodeContext ctx) throws AssemblyException {
        A64Operands.count(ins, 2, 2);
        A64Register rd = A64Operands.general64(ins, 0);
        long offset = A64Operands.range(ins, "adr offset", A64Operands.target(ins, 1, ctx), -(1L << 20), (1L << 20) - 1);
        int imm = (int) offset & 0x1fffff;
        return 0x10000000 | (imm & 3) << 29 | (imm >> 2) << 5 | rd.number();
    }
}
