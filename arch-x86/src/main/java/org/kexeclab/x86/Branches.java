package org.kexeclab.x86;

import java.util.List;
import java.util.Map;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.Instruction;

/**
 * {@code jmp}, {@code call} and every {@code jcc}: relative forms relaxed like GNU as
 * (short rel8 while the label is near, near rel32 once it is not, never shrinking between
 * passes; an absolute constant target is always near), the indirect
 * {@code jmp/call reg} and {@code jmp/call qword ptr [mem]} forms ({@code dword ptr} and 32-bit
 * registers in 32-bit code), and in 32-bit code the direct far jump {@code jmp SELECTOR:OFFSET}
 * ({@code ea ptr16:32}), which loads CS.
 */
final class Branches {

    private static final Map<String, Integer> CONDITIONS = conditions();

    private Branches() {
    }

    private static Map<String, Integer> conditions() {
        String[][] names = {{"o"}, {"no"}, {"b", "c", "nae"}, {"ae", "nb", "nc"}, {"e", "z"}, {"ne", "nz"},
            {"be", "na"}, {"a", "nbe"}, {"s"}, {"ns"}, {"p", "pe"}, {"np", "po"}, {"l", "nge"}, {"ge", "nl"},
            {"le", "ng"}, {"g", "nle"}};
        Map<String, Integer> m = new java.util.HashMap<>();
        for (int cc = 0; cc < names.length; cc++) {
            for (String n : names[cc]) {
                m.put("j" + n, cc);
            }
        }
        return Map.copyOf(m);
    }

    static boolean handles(String m) {
        return m.equals("jmp") || m.equals("call") || CONDITIONS.containsKey(m);
    }

    static byte[] encode(Instruction insn, List<Operand> ops, EncodeContext ctx, X86Mode mode) throws AssemblyException {
        X86Encoder.requireCount(insn, ops, 1);
        Operand target = ops.get(0);
        String m = insn.mnemonic();
        if (!(target instanceof Operand.Imm imm)) {
            if (CONDITIONS.containsKey(m)) {
                throw insn.error("conditional jumps take a label, not " + X86Encoder.describe(target));
            }
            return indirect(insn, target, ctx, mode);
        }
        int colon = imm.expression().indexOf(':');
        if (colon >= 0) {
            return far(insn, imm, colon, ctx, mode);
        }
        if (m.equals("call")) {
            return near(new byte[] {(byte) 0xe8}, imm, ctx, insn, mode);
        }
        byte[] shortOp = m.equals("jmp") ? new byte[] {(byte) 0xeb} : new byte[] {(byte) (0x70 + CONDITIONS.get(m))};
        byte[] nearOp = m.equals("jmp") ? new byte[] {(byte) 0xe9} : new byte[] {0x0f, (byte) (0x80 + CONDITIONS.get(m))};
        if (useShort(imm, ctx)) {
            long rel = ctx.evaluate(imm.expression()) - (ctx.pc() + 2);
            return new byte[] {shortOp[0], (byte) rel};
        }
        return near(nearOp, imm, ctx, insn, mode);
    }

    /** Short while the target is a label not yet known, or known within rel8 reach, unless an earlier pass went near. */
    private static boolean useShort(Operand.Imm imm, EncodeContext ctx) throws AssemblyException {
        String e = imm.expression();
        if (ctx.previousSize() > 2 || ctx.isConstant(e)) {
            return false;
        }
        if (!ctx.isResolved(e)) {
            return true;
        }
        long rel = ctx.evaluate(e) - (ctx.pc() + 2);
        return rel >= -128 && rel <= 127;
    }

    /** rel32 from the instruction's end; in 32-bit code the instruction pointer wraps at 4 GiB, so every target is in reach. */
    private static byte[] near(byte[] opcode, Operand.Imm imm, EncodeContext ctx, Instruction insn, X86Mode mode)
            throws AssemblyException {
        int len = opcode.length + 4;
        long rel = ctx.evaluate(imm.expression()) - (ctx.pc() + len);
        rel = mode.isLong() ? rel : (int) rel;
        if (ctx.finalPass() && !X86Encoder.fitsSigned(rel, 4)) {
            throw insn.error("branch target is more than 2 GiB away");
        }
        byte[] b = new byte[len];
        System.arraycopy(opcode, 0, b, 0, opcode.length);
        System.arraycopy(X86Encoder.le(rel, 4), 0, b, opcode.length, 4);
        return b;
    }

    private static byte[] indirect(Instruction insn, Operand target, EncodeContext ctx, X86Mode mode)
            throws AssemblyException {
        int digit = insn.mnemonic().equals("call") ? 2 : 4;
        if (target instanceof Operand.Mem m && m.bits() != mode.bits()) {
            throw insn.error("an indirect " + insn.mnemonic() + " through memory needs " + (mode.isLong() ? "qword"
                    : "dword") + " ptr");
        }
        if (target instanceof Operand.Reg r && (!r.register().isGeneral() || r.register().bits() != mode.bits())) {
            throw insn.error("an indirect " + insn.mnemonic() + " takes a " + mode.bits() + "-bit register");
        }
        return Encoding.of(insn, ctx, mode, 0xff).reg(digit).rm(target).bytes();
    }

    /** {@code jmp SELECTOR:OFFSET} in 32-bit code: {@code ea}, the 32-bit offset, the 16-bit selector. */
    private static byte[] far(Instruction insn, Operand.Imm imm, int colon, EncodeContext ctx, X86Mode mode)
            throws AssemblyException {
        if (mode.isLong() || !insn.mnemonic().equals("jmp")) {
            throw insn.error("a far " + insn.mnemonic() + " SELECTOR:OFFSET exists here only as jmp in 32-bit code");
        }
        String selector = imm.expression().substring(0, colon).strip();
        String offset = imm.expression().substring(colon + 1).strip();
        long sel = ctx.evaluate(selector);
        long off = ctx.evaluate(offset);
        if (ctx.finalPass() && (sel < 0 || sel > 0xffff || !X86Encoder.fitsEither(off, 4))) {
            throw insn.error("a far jump takes a 16-bit selector and a 32-bit offset, not " + imm.expression());
        }
        byte[] b = new byte[7];
        b[0] = (byte) 0xea;
        System.arraycopy(X86Encoder.le(off, 4), 0, b, 1, 4);
        System.arraycopy(X86Encoder.le(sel, 2), 0, b, 5, 2);
        return b;
    }
}
