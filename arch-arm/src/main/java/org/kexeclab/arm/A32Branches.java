package org.kexeclab.arm;

import java.util.Map;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.Instruction;

/**
 * {@code b/bl} to a label (every condition), {@code bx/blx} to a register (every
 * condition; bit 0 of the register selects Thumb), and unconditional {@code blx} to a
 * label (switches to Thumb). Offsets are from the instruction's address + 8.
 */
final class A32Branches {

    private A32Branches() {
    }

    static void register(Map<String, A32Form> forms) {
        forms.put("b", (ins, m, ctx) -> immediate(ins, m, ctx, 0x0A000000));
        forms.put("bl", (ins, m, ctx) -> immediate(ins, m, ctx, 0x0B000000));
        forms.put("bx", (ins, m, ctx) -> exchange(ins, m, ctx, 0x012FFF10));
        forms.put("blx", (ins, m, ctx) -> exchange(ins, m, ctx, 0x012FFF30));
    }

    private static int immediate(Instruction ins, A32Mnemonic m, EncodeContext ctx, int opcode)
            throws AssemblyException {
        A32Operands.count(ins, 1, 1);
        long offset = ctx.evaluate(ins.operands().get(0)) - (ctx.pc() + 8);
        if ((offset & 3) != 0) {
            throw ins.error("branch target is not 4-byte aligned");
        }
        A32Operands.range(ins, "branch offset", offset, -(1L << 25), (1L << 25) - 4);
        return m.cond() << 28 | opcode | (int) (offset >> 2) & 0xffffff;
    }

    private static int exchange(Instruction ins, A32Mnemonic m, EncodeContext ctx, int opcode)
            throws AssemblyException {
        A32Operands.count(ins, 1, 1);
        int rm = A32Operands.parseRegister(ins.operands().get(0));
        if (rm >= 0) {
            return m.cond() << 28 | opcode | rm;
        }
        if (opcode != 0x012FFF30 || m.cond() != 14) {
            throw ins.error("bx and conditional blx take a register");
        }
        long offset = ctx.evaluate(ins.operands().get(0)) - (ctx.pc() + 8);
        if ((offset & 1) != 0) {
            throw ins.error("blx target must be 2-byte aligned");
        }
        A32Operands.range(ins, "branch offset", offset, -(1L << 25), (1L << 25) - 2);
        return 0xFA000000 | (int) (offset >> 1 & 1) << 24 | (int) (offset >> 2) & 0xffffff;
    }
}
