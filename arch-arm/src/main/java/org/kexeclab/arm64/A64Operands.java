package org.kexeclab.arm64;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.Instruction;

/**
 * Operand parsing shared by the A64 instruction groups: registers, immediates, shifts,
 * addresses and pc-relative targets, each failing with an {@link AssemblyException} that
 * names the operand.
 */
final class A64Operands {

    private A64Operands() {
    }

    /** Fails unless the instruction has between {@code min} and {@code max} operands. */
    static void count(Instruction ins, int min, int max) throws AssemblyException {
        int n = ins.operands().size();
        if (n < min || n > max) {
            throw ins.error(min == max ? "expected " + min + " operands, found " + n
                    : "expected " + min + " to " + max + " operands, found " + n);
        }
    }

    /** Operand {@code index} as a register ({@code sp} allowed). */
    static A64Register register(Instruction ins, int index) throws AssemblyException {
        A64Register r = A64Register.parse(ins.operands().get(index));
        if (r == null) {
            throw ins.error("operand " + (index + 1) + " must be a register");
        }
        return r;
    }

    /** Operand {@code index} as an integer register or zero register (not {@code sp}). */
    static A64Register general(Instruction ins, int index) throws AssemblyException {
        A64Register r = register(ins, index);
        if (r.isSp()) {
            throw ins.error("operand " + (index + 1) + " must be an integer register, not sp");
        }
        return r;
    }

    /** Operand {@code index} as a 64-bit integer register (not {@code sp}). */
    static A64Register general64(Instruction ins, int index) throws AssemblyException {
        A64Register r = general(ins, index);
        if (!r.is64()) {
            throw ins.error("operand " + (index + 1) + " must be a 64-bit x register");
        }
        return r;
    }

    /** True if the operand text names a register. */
    static boolean isRegister(String operand) {
        return A64Register.parse(operand) != null;
    }

    /** Fails unless every register has the same width as the first. */
    static void sameWidth(Instruction ins, A64Register... regs) throws AssemblyException {
        for (A64Register r : regs) {
            if (r.is64() != regs[0].is64()) {
                throw ins.error("operands mix x and w registers");
            }
        }
    }

    /** Evaluates an immediate operand, with or without its leading {@code #}. */
    static long immediate(Instruction ins, int index, EncodeContext ctx) throws AssemblyException {
        return value(ins.operands().get(index), ctx);
    }

    /** Evaluates an immediate text, with or without its leading {@code #}. */
    static long value(String text, EncodeContext ctx) throws AssemblyException {
        String t = text.trim();
        return ctx.evaluate(t.startsWith("#") ? t.substring(1) : t);
    }

    /** Checks that {@code value} lies in {@code [min, max]}, else fails naming the range. */
    static long range(Instruction ins, String what, long value, long min, long max) throws AssemblyException {
        if (value < min || value > max) {
            throw ins.error(what + " " + value + " out of range " + min + " to " + max);
        }
        return value;
    }

    /** Parses operand {@code index} as a shift ({@code lsl #n}), or fails. */
    static A64Shift shift(Instruction ins, int index, EncodeContext ctx) throws AssemblyException {
        String t = ins.operands().get(index).trim().toLowerCase(Locale.ROOT);
        int space = firstSpaceOrHash(t);
        int type = space < 0 ? -1 : A64Shift.typeOf(t.substring(0, space));
        if (type < 0) {
            throw ins.error("operand " + (index + 1) + " must be a shift such as `lsl #12`");
        }
        return new A64Shift(type, value(t.substring(space), ctx));
    }

    /** The pc-relative byte offset of a target expression from this instruction. */
    static long target(Instruction ins, int index, EncodeContext ctx) throws AssemblyException {
        return ctx.evaluate(ins.operands().get(index)) - ctx.pc();
    }

    /** Fails unless {@code offset} is a multiple of 4 and fits a signed {@code bits}-bit word count. */
    static int branchOffset(Instruction ins, long offset, int bits) throws AssemblyException {
        if ((offset & 3) != 0) {
            throw ins.error("branch target is not 4-byte aligned");
        }
        long words = offset >> 2;
        long limit = 1L << (bits - 1);
        if (words < -limit || words >= limit) {
            throw ins.error("branch target out of range (+/-" + (limit * 4) + " bytes)");
        }
        return (int) (words & ((1L << bits) - 1));
    }

    /** Parses the address at operand {@code index} (and a post-index immediate after it). */
    static A64Address address(Instruction ins, int index, EncodeContext ctx) throws AssemblyException {
        String t = ins.operands().get(index).trim();
        boolean writeback = t.endsWith("!");
        if (writeback) {
            t = t.substring(0, t.length() - 1).trim();
        }
        if (!t.startsWith("[") || !t.endsWith("]")) {
            throw ins.error("operand " + (index + 1) + " must be an address such as [x1, #8]");
        }
        List<String> parts = splitCommas(t.substring(1, t.length() - 1));
        A64Register base = A64Register.parse(parts.get(0));
        if (base == null || !base.is64()) {
            throw ins.error("address base must be a 64-bit register or sp");
        }
        boolean postIndex = ins.operands().size() > index + 1;
        if (postIndex) {
            if (writeback || parts.size() != 1) {
                throw ins.error("post-index form is [xN], #imm");
            }
            return new A64Address(base, A64Address.Mode.POST_INDEX, immediate(ins, index + 1, ctx), null, -1);
        }
        if (parts.size() == 1) {
            return new A64Address(base, writeback ? A64Address.Mode.PRE_INDEX : A64Address.Mode.OFFSET, 0, null, -1);
        }
        A64Register idx = A64Register.parse(parts.get(1));
        if (idx == null) {
            if (parts.size() != 2) {
                throw ins.error("immediate offset takes no shift");
            }
            A64Address.Mode mode = writeback ? A64Address.Mode.PRE_INDEX : A64Address.Mode.OFFSET;
            return new A64Address(base, mode, value(parts.get(1), ctx), null, -1);
        }
        return registerOffset(ins, base, idx, parts, writeback, ctx);
    }

    private static A64Address registerOffset(Instruction ins, A64Register base, A64Register idx,
            List<String> parts, boolean writeback, EncodeContext ctx) throws AssemblyException {
        if (writeback || !idx.is64() || idx.isSp() || parts.size() > 3) {
            throw ins.error("register offset must be [xN, xM] or [xN, xM, lsl #s]");
        }
        int shift = -1;
        if (parts.size() == 3) {
            String s = parts.get(2).trim().toLowerCase(Locale.ROOT);
            int sp = firstSpaceOrHash(s);
            if (sp < 0 || !s.substring(0, sp).equals("lsl")) {
                throw ins.error("register offset supports only lsl (no extended index)");
            }
            shift = (int) value(s.substring(sp), ctx);
        }
        return new A64Address(base, A64Address.Mode.REGISTER, 0, idx, shift);
    }

    /** Splits at commas outside parentheses, trimming each part. */
    static List<String> splitCommas(String text) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(text.substring(start, i).trim());
                start = i + 1;
            }
        }
        out.add(text.substring(start).trim());
        return out;
    }

    private static int firstSpaceOrHash(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) == ' ' || t.charAt(i) == '\t' || t.charAt(i) == '#') {
                return i;
            }
        }
        return -1;
    }
}
