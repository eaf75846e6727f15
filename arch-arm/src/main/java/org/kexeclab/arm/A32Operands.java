package org.kexeclab.arm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.Instruction;

/**
 * Operand parsing shared by the A32 instruction groups: registers ({@code r0..r15} and the
 * names {@code sb sl fp ip sp lr pc}), immediates, shifted-register operands and register
 * lists, each failing with an {@link AssemblyException} that names the operand.
 */
final class A32Operands {

    private static final String[] NAMED = {"sb", "sl", "fp", "ip", "sp", "lr", "pc"};

    private A32Operands() {
    }

    /** Fails unless the instruction has between {@code min} and {@code max} operands. */
    static void count(Instruction ins, int min, int max) throws AssemblyException {
        int n = ins.operands().size();
        if (n < min || n > max) {
            throw ins.error(min == max ? "expected " + min + " operands, found " + n
                    : "expected " + min + " to " + max + " operands, found " + n);
        }
    }

    /** The register number of a name, or -1 if the text is not a register. */
    static int parseRegister(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (int i = 0; i < NAMED.length; i++) {
            if (NAMED[i].equals(t)) {
                return 9 + i;
            }
        }
        if (t.length() < 2 || t.length() > 3 || t.charAt(0) != 'r') {
            return -1;
        }
        for (int i = 1; i < t.length(); i++) {
            if (!Character.isDigit(t.charAt(i))) {
                return -1;
            }
        }
        if (t.length() == 3 && t.charAt(1) == '0') {
            return -1;
        }
        int n = Integer.parseInt(t.substring(1));
        return n <= 15 ? n : -1;
    }

    /** Operand {@code index} as a register number. */
    static int register(Instruction ins, int index) throws AssemblyException {
        int r = parseRegister(ins.operands().get(index));
        if (r < 0) {
            throw ins.error("operand " + (index + 1) + " must be a register (r0..r15, sp, lr, pc)");
        }
        return r;
    }

    /** Evaluates an immediate text, with or without its leading {@code #}. */
    static long value(String text, EncodeContext ctx) throws AssemblyException {
        String t = text.trim();
        return ctx.evaluate(t.startsWith("#") ? t.substring(1) : t);
    }

    /** True if an immediate text is written with a minus sign ({@code #-0} counts). */
    static boolean writtenNegative(String text) {
        String t = text.trim();
        t = t.startsWith("#") ? t.substring(1).trim() : t;
        return t.startsWith("-");
    }

    /** Checks that {@code value} lies in {@code [min, max]}, else fails naming the range. */
    static long range(Instruction ins, String what, long value, long min, long max) throws AssemblyException {
        if (value < min || value > max) {
            throw ins.error(what + " " + value + " out of range " + min + " to " + max);
        }
        return value;
    }

    /** A 32-bit immediate (negative values wrap), or a failure if it needs more bits. */
    static int word(Instruction ins, long value) throws AssemblyException {
        if (value < Integer.MIN_VALUE || value > 0xffffffffL) {
            throw ins.error("immediate 0x" + Long.toHexString(value) + " does not fit in 32 bits");
        }
        return (int) value;
    }

    /**
     * The shifter bits of a register operand: {@code Rm} plus an optional shift text
     * ({@code lsl #n}, {@code lsr #n}, {@code asr #n}, {@code ror #n}, {@code rrx}, or a
     * shift by register such as {@code lsl r2}), as bits 0..11 of the instruction. A shift
     * by {@code #0} of any type means no shift, as in GNU as.
     */
    static int shiftedRegister(Instruction ins, int rm, String shift, EncodeContext ctx) throws AssemblyException {
        if (shift == null) {
            return rm;
        }
        String s = shift.trim().toLowerCase(Locale.ROOT);
        if (s.equals("rrx")) {
            return 3 << 5 | rm;
        }
        int type = shiftType(s.length() >= 3 ? s.substring(0, 3) : s);
        if (type < 0 || s.length() < 4) {
            throw ins.error("expected a shift such as `lsl #2` or `rrx`");
        }
        String amount = s.substring(3).trim();
        int rs = parseRegister(amount);
        if (rs >= 0) {
            return rs << 8 | type << 5 | 1 << 4 | rm;
        }
        long n = value(amount, ctx);
        if (n == 0) {
            return rm;
        }
        long min = 1;
        long max = type == 1 || type == 2 ? 32 : 31;
        range(ins, "shift amount", n, min, max);
        return (int) (n & 31) << 7 | type << 5 | rm;
    }

    private static int shiftType(String name) {
        switch (name) {
            case "lsl": return 0;
            case "lsr": return 1;
            case "asr": return 2;
            case "ror": return 3;
            default: return -1;
        }
    }

    /** The 16-bit mask of a register list such as {@code {r0-r3, r5, lr}}. */
    static int registerList(Instruction ins, String text) throws AssemblyException {
        String t = text.trim();
        if (!t.startsWith("{") || !t.endsWith("}") || t.length() < 3) {
            throw ins.error("expected a non-empty register list such as {r1-r3, lr}");
        }
        int mask = 0;
        for (String part : t.substring(1, t.length() - 1).split(",")) {
            String[] ends = part.split("-");
            int first = parseRegister(ends[0]);
            int last = ends.length == 2 ? parseRegister(ends[1]) : first;
            if (first < 0 || last < first || ends.length > 2) {
                throw ins.error("bad register list entry `" + part.trim() + "`");
            }
            for (int r = first; r <= last; r++) {
                mask |= 1 << r;
            }
        }
        return mask;
    }

    /** Splits the inside of brackets at commas, trimming each part. */
    static List<String> splitCommas(String text) {
        List<String> out = new ArrayList<>();
        for (String p : text.split(",")) {
            out.add(p.trim());
        }
        return out;
    }
}
