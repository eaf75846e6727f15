package org.kexeclab.arm;

import java.util.List;
import java.util.Map;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.Instruction;

/**
 * {@code ldr/str} and {@code ldrb/strb} (immediate offset, pre-index {@code [r1, #4]!},
 * post-index {@code [r1], #4}, register offset with optional sign and shift, pc-relative
 * label) and {@code ldm/stm} ({@code ia/ib/da/db/fd}, writeback {@code !}), with
 * {@code push/pop} (a single register becomes {@code str/ldr} with writeback, as GNU as does).
 */
final class A32LoadStore {

    private A32LoadStore() {
    }

    static void register(Map<String, A32Form> forms) {
        forms.put("ldr", (ins, m, ctx) -> single(ins, m, ctx, 1));
        forms.put("str", (ins, m, ctx) -> single(ins, m, ctx, 0));
        forms.put("ldm", (ins, m, ctx) -> multiple(ins, m, 1));
        forms.put("stm", (ins, m, ctx) -> multiple(ins, m, 0));
        forms.put("push", (ins, m, ctx) -> stack(ins, m, 0));
        forms.put("pop", (ins, m, ctx) -> stack(ins, m, 1));
    }

    private static int single(Instruction ins, A32Mnemonic m, EncodeContext ctx, int load) throws AssemblyException {
        A32Operands.count(ins, 2, 3);
        int rt = A32Operands.register(ins, 0);
        int head = m.cond() << 28 | 0x04000000 | (m.suffix().equals("b") ? 1 << 22 : 0) | load << 20 | rt << 12;
        String address = ins.operands().get(1).trim();
        if (address.startsWith("=")) {
            throw ins.error("literal pools (ldr rN, =value) are not supported; use movw/movt or a labelled .long");
        }
        if (!address.startsWith("[")) {
            A32Operands.count(ins, 2, 2);
            long offset = ctx.evaluate(address) - (ctx.pc() + 8);
            return head | 1 << 24 | 15 << 16 | immediateOffset(ins, offset, offset < 0);
        }
        boolean writeback = address.endsWith("!");
        String inner = address.substring(1, address.length() - (writeback ? 2 : 1)).trim();
        if (!address.endsWith(writeback ? "]!" : "]")) {
            throw ins.error("expected an address such as [r1, #4], [r1, #4]! or [r1], #4");
        }
        List<String> parts = A32Operands.splitCommas(inner);
        int rn = A32Operands.parseRegister(parts.get(0));
        if (rn < 0) {
            throw ins.error("address base must be a register");
        }
        head |= rn << 16;
        if (ins.operands().size() == 3) {
            if (writeback || parts.size() != 1) {
                throw ins.error("post-index form is [rN], offset");
            }
            return head | offset(ins, ctx, ins.operands().get(2), null);
        }
        int pre = 1 << 24 | (writeback ? 1 << 21 : 0);
        if (parts.size() == 1) {
            return head | pre | 1 << 23;
        }
        if (parts.size() > 3) {
            throw ins.error("too many parts in the address");
        }
        return head | pre | offset(ins, ctx, parts.get(1), parts.size() == 3 ? parts.get(2) : null);
    }

    /** U, I and the 12 offset bits for an immediate or a signed, optionally shifted register. */
    private static int offset(Instruction ins, EncodeContext ctx, String text, String shift) throws AssemblyException {
        String t = text.trim();
        boolean minus = t.startsWith("-");
        String unsigned = t.startsWith("-") || t.startsWith("+") ? t.substring(1).trim() : t;
        int rm = A32Operands.parseRegister(unsigned);
        if (rm >= 0) {
            return 1 << 25 | (minus ? 0 : 1 << 23) | A32Operands.shiftedRegister(ins, rm, shift, ctx);
        }
        if (shift != null) {
            throw ins.error("an immediate offset takes no shift");
        }
        long value = A32Operands.value(t, ctx);
        return immediateOffset(ins, value, value < 0 || A32Operands.writtenNegative(t));
    }

    private static int immediateOffset(Instruction ins, long offset, boolean down) throws AssemblyException {
        long magnitude = Math.abs(offset);
        A32Operands.range(ins, "offset", magnitude, 0, 4095);
        return (down ? 0 : 1 << 23) | (int) magnitude;
    }

    private static int multiple(Instruction ins, A32Mnemonic m, int load) throws AssemblyException {
        A32Operands.count(ins, 2, 2);
        String base = ins.operands().get(0).trim();
        boolean writeback = base.endsWith("!");
        int rn = A32Operands.parseRegister(writeback ? base.substring(0, base.length() - 1) : base);
        if (rn < 0) {
            throw ins.error("operand 1 must be a base register, optionally with !");
        }
        String mode = m.suffix().equals("fd") ? (load == 1 ? "ia" : "db") : m.suffix();
        int pu;
        switch (mode) {
            case "": case "ia": pu = 0b01; break;
            case "ib": pu = 0b11; break;
            case "da": pu = 0b00; break;
            default: pu = 0b10; break;
        }
        int list = A32Operands.registerList(ins, ins.operands().get(1));
        return m.cond() << 28 | 0x08000000 | pu << 23 | (writeback ? 1 << 21 : 0) | load << 20 | rn << 16 | list;
    }

    private static int stack(Instruction ins, A32Mnemonic m, int load) throws AssemblyException {
        A32Operands.count(ins, 1, 1);
        int list = A32Operands.registerList(ins, ins.operands().get(0));
        if (Integer.bitCount(list) == 1) {
            int rt = Integer.numberOfTrailingZeros(list);
            int single = load == 1 ? 0x049D0004 : 0x052D0004;
            return m.cond() << 28 | single | rt << 12;
        }
        int pu = load == 1 ? 0b01 : 0b10;
        return m.cond() << 28 | 0x08000000 | pu << 23 | 1 << 21 | load << 20 | 13 << 16 | list;
    }
}
