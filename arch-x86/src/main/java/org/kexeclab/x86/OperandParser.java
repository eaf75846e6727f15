package org.kexeclab.x86;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Instruction;

/**
 * Parses Intel-syntax operands as GNU as writes them with {@code .intel_syntax noprefix}:
 * registers, immediates (optionally {@code offset sym}), and memory
 * {@code [qword|dword ptr] [base + index*scale + disp]} including {@code [rip + sym]}, each
 * checked against the code size ({@link X86Mode}): 32-bit code names no 64-bit register and
 * addresses through 32-bit registers.
 */
final class OperandParser {

    private static final java.util.regex.Pattern OTHER_SIZE = java.util.regex.Pattern.compile("(byte|word|tbyte|xmmword|fword) ptr.*");
    private static final java.util.regex.Pattern SCALE = java.util.regex.Pattern.compile("[1248]");

    private OperandParser() {
    }

    /** Parses every operand of {@code insn}, written for code of {@code mode}. */
    static List<Operand> parseAll(Instruction insn, X86Mode mode) throws AssemblyException {
        List<Operand> out = new ArrayList<>();
        for (String text : insn.operands()) {
            out.add(checked(parse(text, insn, mode), insn, mode));
        }
        return out;
    }

    /** {@code op}, if every register in it exists in {@code mode} and its size keyword does. */
    private static Operand checked(Operand op, Instruction insn, X86Mode mode) throws AssemblyException {
        if (op instanceof Operand.Reg r && !r.register().existsIn(mode)) {
            throw insn.error("32-bit code has no register " + r.register().name());
        }
        if (op instanceof Operand.Mem m && m.bits() == 64 && !mode.isLong()) {
            throw insn.error("32-bit code has no qword ptr operands here: use dword ptr");
        }
        return op;
    }

    static Operand parse(String text, Instruction insn, X86Mode mode) throws AssemblyException {
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        int bits = 0;
        if (lower.startsWith("qword ptr") || lower.startsWith("dword ptr")) {
            bits = lower.startsWith("q") ? 64 : 32;
            t = t.substring("qword ptr".length()).strip();
        } else if (OTHER_SIZE.matcher(lower).matches()) {
            throw insn.error("only qword ptr and dword ptr operands are supported, not `" + text + "`");
        }
        if (t.startsWith("[")) {
            if (!t.endsWith("]")) {
                throw insn.error("memory operand `" + text + "` must end with `]`");
            }
            return memory(t.substring(1, t.length() - 1), bits, insn, mode);
        }
        if (bits != 0) {
            throw insn.error("`ptr` needs a memory operand in brackets: `" + text + "`");
        }
        OperandRegister reg = OperandRegister.byName(t);
        if (reg != null) {
            if (reg.kind() == OperandRegister.Kind.RIP) {
                throw insn.error("rip can only be a memory base: `[rip + label]`");
            }
            return new Operand.Reg(reg);
        }
        if (lower.startsWith("offset ")) {
            return new Operand.Imm(t.substring(7).strip(), true);
        }
        if (t.isEmpty()) {
            throw insn.error("empty operand");
        }
        return new Operand.Imm(t, false);
    }

    private static Operand.Mem memory(String inside, int bits, Instruction insn, X86Mode mode) throws AssemblyException {
        OperandRegister base = null;
        OperandRegister index = null;
        int scale = 1;
        StringBuilder disp = new StringBuilder();
        for (String term : terms(inside)) {
            char sign = term.charAt(0);
            String body = term.substring(1).strip();
            ScaledRegister sr = scaled(body, insn);
            if (sr == null) {
                disp.append(' ').append(sign).append(' ').append('(').append(body).append(')');
                continue;
            }
            if (sign == '-') {
                throw insn.error("a register cannot be subtracted in `[" + inside + "]`");
            }
            if (sr.scale == 0 && base == null) {
                base = sr.register;
            } else if (index == null) {
                index = sr.register;
                scale = sr.scale == 0 ? 1 : sr.scale;
            } else {
                throw insn.error("too many registers in `[" + inside + "]`");
            }
        }
        checkRegisters(base, index, inside, insn, mode);
        return new Operand.Mem(base, index, scale, disp.length() == 0 ? "0" : "0" + disp, bits);
    }

    private static void checkRegisters(OperandRegister base, OperandRegister index, String inside, Instruction insn,
                                       X86Mode mode) throws AssemblyException {
        for (OperandRegister r : new OperandRegister[] {base, index}) {
            boolean rip = r != null && r.kind() == OperandRegister.Kind.RIP && mode.isLong();
            if (r != null && !rip && (r.kind() != OperandRegister.Kind.GENERAL || r.bits() != mode.bits()
                    || !r.existsIn(mode))) {
                throw insn.error("addresses take " + mode.bits() + "-bit registers, not " + r.name() + ", in `["
                        + inside + "]`");
            }
        }
        if (index != null && (index.kind() == OperandRegister.Kind.RIP || index.number() == 4)) {
            throw insn.error(index.name() + " cannot be an index register in `[" + inside + "]`");
        }
        if (base != null && base.kind() == OperandRegister.Kind.RIP && index != null) {
            throw insn.error("rip-relative addresses take no index in `[" + inside + "]`");
        }
    }

    private record ScaledRegister(OperandRegister register, int scale) {
    }

    /** {@code reg}, {@code reg*N} or {@code N*reg}; scale 0 means "no scale written". Null if no register. */
    private static ScaledRegister scaled(String body, Instruction insn) throws AssemblyException {
        OperandRegister plain = OperandRegister.byName(body);
        if (plain != null) {
            return new ScaledRegister(plain, 0);
        }
        int star = body.indexOf('*');
        if (star < 0) {
            return null;
        }
        String a = body.substring(0, star).strip();
        String b = body.substring(star + 1).strip();
        OperandRegister reg = OperandRegister.byName(a) != null ? OperandRegister.byName(a) : OperandRegister.byName(b);
        if (reg == null) {
            return null;
        }
        String n = OperandRegister.byName(a) != null ? b : a;
        if (!SCALE.matcher(n).matches()) {
            throw insn.error("scale must be 1, 2, 4 or 8, not `" + n + "`");
        }
        return new ScaledRegister(reg, Integer.parseInt(n));
    }

    /** Splits at top-level binary {@code +}/{@code -}; each term starts with its sign. */
    static List<String> terms(String s) {
        List<String> terms = new ArrayList<>();
        int depth = 0;
        int start = 0;
        char sign = '+';
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if ((c == '+' || c == '-') && depth == 0 && endsOperand(s, start, i)) {
                terms.add(sign + s.substring(start, i));
                sign = c;
                start = i + 1;
            }
        }
        terms.add(sign + s.substring(start));
        return terms;
    }

    private static boolean endsOperand(String s, int from, int i) {
        for (int k = i - 1; k >= from; k--) {
            char p = s.charAt(k);
            if (!Character.isWhitespace(p)) {
                return Character.isLetterOrDigit(p) || p == ')' || p == '_' || p == '.' || p == '$' || p == '\'';
            }
        }
        return false;
    }
}
