package org.kexeclab.ppc;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.Instruction;

/**
 * The operands of one PowerPC instruction in GNU syntax, read field by field: general
 * registers ({@code 3}, {@code r3}, {@code %r3}), condition-register fields and bits
 * ({@code cr1}, {@code 4*cr1+eq}), special-purpose registers by number or name, 16-bit
 * immediates with the {@code @l}/{@code @h}/{@code @ha} suffixes, {@code d(rA)} memory
 * operands and branch targets. Range checks follow GNU as and are skipped for expressions
 * that are not resolved yet (early assembler passes).
 */
final class PpcOperands {
    /** Special-purpose registers the stubs name, in lower case. */
    private static final Map<String, Integer> SPR_NAMES = Map.ofEntries(
            Map.entry("xer", 1), Map.entry("lr", 8), Map.entry("ctr", 9),
            Map.entry("dsisr", 18), Map.entry("dar", 19), Map.entry("dec", 22),
            Map.entry("srr0", 26), Map.entry("srr1", 27),
            Map.entry("sprg0", 272), Map.entry("sprg1", 273), Map.entry("sprg2", 274),
            Map.entry("sprg3", 275), Map.entry("pvr", 287),
            Map.entry("hsrr0", 314), Map.entry("hsrr1", 315), Map.entry("pir", 1023));

    private static final Pattern GPR = Pattern.compile("%?[rR]?([0-9]{1,2})");
    private static final Pattern CR_FIELD = Pattern.compile("%?cr([0-7])", Pattern.CASE_INSENSITIVE);
    private static final Pattern CR_NAME = Pattern.compile("\\b(cr[0-7]|lt|gt|eq|so|un)\\b");
    private static final Pattern SUFFIX = Pattern.compile("(.*)@([A-Za-z]+)");

    /** A {@code d(rA)} memory operand: the displacement's low 16 bits and the base register. */
    record Memory(int displacement, int base) {
    }

    private final Instruction instruction;
    private final EncodeContext context;

    PpcOperands(Instruction instruction, EncodeContext context) {
        this.instruction = instruction;
        this.context = context;
    }

    /** The instruction being encoded. */
    Instruction instruction() {
        return instruction;
    }

    /** The address of the instruction. */
    long pc() {
        return context.pc();
    }

    int count() {
        return instruction.operands().size();
    }

    /** Requires between {@code min} and {@code max} operands. */
    void expect(int min, int max) throws AssemblyException {
        int n = count();
        if (n < min || n > max) {
            String want = min == max ? String.valueOf(min) : min + " to " + max;
            throw error("expected " + want + " operand" + (max == 1 ? "" : "s") + ", found " + n);
        }
    }

    AssemblyException error(String problem) {
        return instruction.error(problem);
    }

    private String text(int i) {
        return instruction.operands().get(i);
    }

    /** A general-purpose register 0..31 written {@code 3}, {@code r3}, {@code %r3} or as an expression. */
    int gpr(int i) throws AssemblyException {
        return gprText(text(i));
    }

    private int gprText(String t) throws AssemblyException {
        Matcher m = GPR.matcher(t);
        long v = m.matches() ? Long.parseLong(m.group(1)) : evaluate(t);
        if (v < 0 || v > 31) {
            if (!m.matches() && !context.isResolved(t)) {
                return 0;
            }
            throw error("register out of range (0 to 31): `" + t + "`");
        }
        return (int) v;
    }

    /** A condition-register field 0..7 written {@code cr1}, {@code %cr1} or {@code 1}. */
    int crField(int i) throws AssemblyException {
        String t = text(i);
        Matcher m = CR_FIELD.matcher(t);
        if (m.matches()) {
            return Integer.parseInt(m.group(1));
        }
        return (int) field(t, 0, 7);
    }

    /** A condition-register bit 0..31; {@code cr0..cr7} and {@code lt/gt/eq/so} may appear. */
    int crBit(int i) throws AssemblyException {
        return (int) field(crNames(text(i)), 0, 31);
    }

    private static String crNames(String t) {
        Matcher m = CR_NAME.matcher(t);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = name.startsWith("cr") ? name.substring(2) : switch (name) {
                case "lt" -> "0";
                case "gt" -> "1";
                case "eq" -> "2";
                default -> "3";
            };
            m.appendReplacement(out, value);
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A special-purpose register number 0..1023, by number or by name ({@code srr0}, {@code pir}, ...). */
    int spr(int i) throws AssemblyException {
        String t = text(i);
        String name = (t.startsWith("%") ? t.substring(1) : t).toLowerCase(Locale.ROOT);
        Integer known = SPR_NAMES.get(name);
        return known != null ? known : (int) field(t, 0, 1023);
    }

    /** A plain numeric field in {@code [min, max]}. */
    long field(int i, long min, long max) throws AssemblyException {
        return field(text(i), min, max);
    }

    private long field(String t, long min, long max) throws AssemblyException {
        long v = evaluate(t);
        if (!context.isResolved(t)) {
            return min;
        }
        return checkRange(v, min, max);
    }

    /** The raw value of operand {@code i} (no range check); 0 while unresolved. */
    long value(int i) throws AssemblyException {
        String t = text(i);
        long v = evaluate(t);
        return context.isResolved(t) ? v : 0;
    }

    /**
     * A 16-bit immediate in {@code [min, max]}, as the low 16 bits of the field. With a
     * {@code @l}, {@code @h} or {@code @ha} suffix the selected half is taken and no range
     * check applies, as in GNU as.
     */
    int imm16(int i, long min, long max) throws AssemblyException {
        return imm16Text(text(i), min, max, 1);
    }

    private int imm16Text(String t, long min, long max, int multiple) throws AssemblyException {
        Matcher m = SUFFIX.matcher(t);
        if (m.matches()) {
            int h = half(m.group(2), evaluate(m.group(1)), t);
            if (h % multiple != 0 && context.isResolved(m.group(1))) {
                throw error("displacement " + h + " is not a multiple of " + multiple);
            }
            return h;
        }
        long v = evaluate(t);
        if (!context.isResolved(t)) {
            return 0;
        }
        checkRange(v, min, max);
        if (v % multiple != 0) {
            throw error("displacement " + v + " is not a multiple of " + multiple);
        }
        return (int) (v & 0xffff);
    }

    private int half(String suffix, long v, String t) throws AssemblyException {
        switch (suffix.toLowerCase(Locale.ROOT)) {
            case "l": return (int) (v & 0xffff);
            case "h": return (int) ((v >> 16) & 0xffff);
            case "ha": return (int) (((v + 0x8000) >> 16) & 0xffff);
            default: throw error("unsupported operand suffix @" + suffix + " (use @l, @h or @ha): `" + t + "`");
        }
    }

    /**
     * A {@code d(rA)} memory operand: the displacement as the low 16 bits (signed range,
     * a multiple of {@code multiple}) and the base register.
     */
    Memory memory(int i, int multiple) throws AssemblyException {
        String t = text(i);
        if (!t.endsWith(")")) {
            throw error("expected a memory operand d(rA): `" + t + "`");
        }
        int open = matchingOpen(t);
        String disp = open < 0 ? "" : t.substring(0, open).trim();
        if (disp.isEmpty()) {
            throw error("expected a memory operand d(rA) with a displacement: `" + t + "`");
        }
        int base = gprText(t.substring(open + 1, t.length() - 1).trim());
        return new Memory(imm16Text(disp, -0x8000, 0x7fff, multiple), base);
    }

    private static int matchingOpen(String t) {
        int depth = 0;
        for (int k = t.length() - 1; k >= 0; k--) {
            char c = t.charAt(k);
            if (c == ')') {
                depth++;
            } else if (c == '(' && --depth == 0) {
                return k;
            }
        }
        return -1;
    }

    /**
     * A branch target as the displacement field: relative to this instruction unless
     * {@code absolute}; a multiple of 4 within a signed field of {@code bits} bits.
     */
    int branchTarget(int i, int bits, boolean absolute) throws AssemblyException {
        String t = text(i);
        long target = evaluate(t);
        if (!context.isResolved(t)) {
            return 0;
        }
        long offset = absolute ? target : target - context.pc();
        long limit = 1L << (bits - 1);
        checkRange(offset, -limit, limit - 4);
        if ((offset & 3) != 0) {
            throw error("branch target " + (absolute ? "" : "offset ") + offset + " is not a multiple of 4");
        }
        return (int) (offset & ((1L << bits) - 1));
    }

    private long checkRange(long v, long min, long max) throws AssemblyException {
        if (v < min || v > max) {
            throw error("operand out of range (" + v + " is not between " + min + " and " + max + ")");
        }
        return v;
    }

    private long evaluate(String t) throws AssemblyException {
        return context.evaluate(t);
    }
}
