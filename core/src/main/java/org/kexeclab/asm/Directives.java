package org.kexeclab.asm;

import java.util.List;
import java.util.Set;

/**
 * The assembler directives: data ({@code .byte .short .hword .2byte .word .long .int .4byte
 * .quad .8byte .ascii .asciz .string .skip .space .zero}), layout ({@code .align .balign
 * .p2align .org}), symbols ({@code .equ .set .globl .global}), the directives an encoder
 * answers with another encoder ({@link InstructionEncoder#selectedBy}: a code size) and
 * the section and bookkeeping directives that change no bytes and are accepted and ignored.
 */
final class Directives {

    private static final Set<String> IGNORED = Set.of(".text", ".data", ".section", ".previous", ".type",
            ".size", ".file", ".ident", ".local", ".weak", ".hidden", ".end");

    private Directives() {
    }

    static void apply(Statement s, AssemblyPass pass) throws AssemblyException {
        String name = s.name();
        int width = dataWidth(name, pass.encoder());
        if (width > 0) {
            data(s, pass, width);
            return;
        }
        switch (name) {
            case ".ascii": strings(s, pass, false); return;
            case ".asciz": case ".string": strings(s, pass, true); return;
            case ".skip": case ".space": case ".zero": skip(s, pass); return;
            case ".align": align(s, pass, pass.encoder().alignIsPowerOfTwo()); return;
            case ".balign": align(s, pass, false); return;
            case ".p2align": align(s, pass, true); return;
            case ".org": org(s, pass); return;
            case ".equ": case ".set": equ(s, pass); return;
            case ".globl": case ".global": globl(s, pass); return;
            default:
                InstructionEncoder selected = pass.encoder().selectedBy(name);
                if (selected != null) {
                    pass.select(selected);
                    return;
                }
                if (IGNORED.contains(name) || pass.encoder().ignoredDirectives().contains(name)) {
                    return;
                }
                throw s.error("unknown directive " + name);
        }
    }

    private static int dataWidth(String name, InstructionEncoder encoder) {
        switch (name) {
            case ".byte": return 1;
            case ".short": case ".hword": case ".2byte": return 2;
            case ".word": return encoder.wordDirectiveSize();
            case ".long": case ".int": case ".4byte": return 4;
            case ".quad": case ".8byte": return 8;
            default: return 0;
        }
    }

    private static void data(Statement s, AssemblyPass pass, int width) throws AssemblyException {
        requireOperands(s, 1, Integer.MAX_VALUE);
        for (String expr : s.operands()) {
            long v = pass.evaluate(expr, s);
            if (pass.finalPass() && width < 8 && (v >> (8 * width)) != 0 && (v >> (8 * width - 1)) != -1) {
                throw s.error("value 0x" + Long.toHexString(v) + " of `" + expr + "` does not fit in " + width + " bytes");
            }
            pass.emit(ByteWriter.bytes(v, width, pass.byteOrder()));
        }
    }

    private static void strings(Statement s, AssemblyPass pass, boolean terminate) throws AssemblyException {
        requireOperands(s, 1, Integer.MAX_VALUE);
        for (String literal : s.operands()) {
            pass.emit(StringLiteral.decode(literal, s));
            if (terminate) {
                pass.emit(new byte[1]);
            }
        }
    }

    private static void skip(Statement s, AssemblyPass pass) throws AssemblyException {
        requireOperands(s, 1, 2);
        long count = absolute(s, pass, 0);
        pass.pad(count, fill(s, pass, 1), s, false);
    }

    private static void align(Statement s, AssemblyPass pass, boolean powerOfTwo) throws AssemblyException {
        requireOperands(s, 1, 3);
        long arg = absolute(s, pass, 0);
        if (powerOfTwo && (arg < 0 || arg > 30) || !powerOfTwo && (arg <= 0 || Long.bitCount(arg) != 1)) {
            throw s.error(powerOfTwo ? "alignment exponent must be 0..30" : "alignment must be a power of two");
        }
        long boundary = powerOfTwo ? 1L << arg : arg;
        long pad = Math.floorMod(-pass.pc(), boundary);
        if (s.operands().size() == 3 && pad > absolute(s, pass, 2)) {
            return;
        }
        pass.pad(pad, fill(s, pass, 1), s, true);
    }

    /** {@code .org offset[, fill]}: the offset counts from the program's first byte, as in a GNU as section. */
    private static void org(Statement s, AssemblyPass pass) throws AssemblyException {
        requireOperands(s, 1, 2);
        long target = absolute(s, pass, 0);
        long gap = target - pass.length();
        if (gap < 0) {
            if (pass.finalPass()) {
                throw s.error(".org " + target + " moves backwards: the program is already " + pass.length() + " bytes long");
            }
            return;
        }
        pass.pad(gap, fill(s, pass, 1), s, false);
    }

    private static void equ(Statement s, AssemblyPass pass) throws AssemblyException {
        requireOperands(s, 2, 2);
        String name = s.operands().get(0);
        if (name.isEmpty() || !name.chars().allMatch(c -> SourceParser.isSymbolChar((char) c)) || Character.isDigit(name.charAt(0))) {
            throw s.error("bad symbol name `" + name + "`");
        }
        String expr = s.operands().get(1);
        long value = pass.evaluate(expr, s);
        pass.symbols().defineConstant(s, name, value, !pass.isConstant(expr));
    }

    private static void globl(Statement s, AssemblyPass pass) throws AssemblyException {
        requireOperands(s, 1, Integer.MAX_VALUE);
        pass.globals().addAll(List.copyOf(s.operands()));
    }

    private static long absolute(Statement s, AssemblyPass pass, int operand) throws AssemblyException {
        String expr = s.operands().get(operand);
        if (expr.isEmpty()) {
            throw s.error("missing operand " + (operand + 1));
        }
        Expression.Value v = Expression.evaluate(expr, pass, s);
        if (!v.resolved()) {
            if (pass.finalPass()) {
                throw s.error("undefined symbol `" + v.firstUndefined() + "`");
            }
            return 0; // a forward reference: the next pass knows its value
        }
        return v.value();
    }

    private static Integer fill(Statement s, AssemblyPass pass, int operand) throws AssemblyException {
        if (s.operands().size() <= operand || s.operands().get(operand).isEmpty()) {
            return null;
        }
        return (int) absolute(s, pass, operand);
    }

    private static void requireOperands(Statement s, int min, int max) throws AssemblyException {
        int n = s.operands().size();
        if (n < min || n > max) {
            throw s.error(s.name() + " takes " + (min == max ? "" + min : min + (max == Integer.MAX_VALUE ? " or more" : " to " + max))
                    + " operand(s), got " + n);
        }
    }
}
