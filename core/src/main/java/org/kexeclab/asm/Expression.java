package org.kexeclab.asm;

/**
 * Evaluates GNU-as constant expressions in 64-bit two's complement: numbers (decimal,
 * {@code 0x} hex, {@code 0b} binary, leading-{@code 0} octal, {@code 'c'} characters),
 * symbols, {@code .}, numeric local label references ({@code 1b}, {@code 1f}), parentheses,
 * unary {@code - + ~ !} and the binary operators {@code * / % + - << >> & ^ |} with C
 * precedence ({@code >>} is arithmetic, as in GNU as).
 */
public final class Expression {

    /** Where an expression finds the values of names. */
    public interface Symbols {
        /** The value of {@code name}, or {@code null} if it is not defined (yet). */
        Long symbol(String name);

        /** The address of numeric local label {@code number} before/after here, or {@code null}. */
        Long localLabel(int number, boolean forward);

        /** The value of {@code .}: the address of the statement being assembled. */
        long dot();

        /** True if {@code name} is a label (an address) rather than a constant. */
        default boolean isLabel(String name) {
            return false;
        }
    }

    /**
     * Outcome of one evaluation: the value, whether every name in it was defined, and whether
     * it is a pure constant (numbers, {@code .equ} and predefined constants only: no label,
     * no {@code .}, no local label reference).
     */
    public record Value(long value, boolean resolved, String firstUndefined, boolean constant) {
    }

    private final String text;
    private final Symbols symbols;
    private final Statement where;
    private int pos;
    private String undefined;
    private boolean usesAddress;

    private Expression(String text, Symbols symbols, Statement where) {
        this.text = text;
        this.symbols = symbols;
        this.where = where;
    }

    /**
     * Evaluates {@code text}; an undefined name counts as 0 and is reported in the result.
     *
     * @param where the statement the expression belongs to, for error messages
     * @throws AssemblyException if the expression is malformed or divides by zero
     */
    public static Value evaluate(String text, Symbols symbols, Statement where) throws AssemblyException {
        Expression e = new Expression(text, symbols, where);
        long v = e.binary(0);
        e.skipSpace();
        if (e.pos != text.length()) {
            throw e.error("unexpected text in expression at `" + text.substring(e.pos) + "`");
        }
        return new Value(v, e.undefined == null, e.undefined, !e.usesAddress);
    }

    private static final String[][] LEVELS = {
        {"|"}, {"^"}, {"&"}, {"<<", ">>"}, {"+", "-"}, {"*", "/", "%"},
    };

    private long binary(int level) throws AssemblyException {
        if (level == LEVELS.length) {
            return unary();
        }
        long left = binary(level + 1);
        for (String op = operator(level); op != null; op = operator(level)) {
            pos += op.length();
            left = apply(op, left, binary(level + 1));
        }
        return left;
    }

    private String operator(int level) {
        skipSpace();
        for (String op : LEVELS[level]) {
            if (text.startsWith(op, pos) && !isDoubledSingle(op)) {
                return op;
            }
        }
        return null;
    }

    /** Keeps {@code |} from matching {@code ||} and {@code &} from matching {@code &&}. */
    private boolean isDoubledSingle(String op) {
        return op.length() == 1 && "|&".contains(op) && text.startsWith(op + op, pos);
    }

    private long apply(String op, long a, long b) throws AssemblyException {
        switch (op) {
            case "|": return a | b;
            case "^": return a ^ b;
            case "&": return a & b;
            case "<<": return a << b;
            case ">>": return a >> b;
            case "+": return a + b;
            case "-": return a - b;
            case "*": return a * b;
            default:
                if (b == 0) {
                    if (undefined != null) {
                        return 0;
                    }
                    throw error("division by zero in expression");
                }
                return op.equals("/") ? a / b : a % b;
        }
    }

    private long unary() throws AssemblyException {
        skipSpace();
        if (pos >= text.length()) {
            throw error("expression ends where a value was expected");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '-': pos++; return -unary();
            case '+': pos++; return unary();
            case '~': pos++; return ~unary();
            case '!': pos++; return unary() == 0 ? 1 : 0;
            case '(':
                pos++;
                long v = binary(0);
                skipSpace();
                if (pos >= text.length() || text.charAt(pos) != ')') {
                    throw error("missing `)` in expression");
                }
                pos++;
                return v;
            default:
                return primary(c);
        }
    }

    private long primary(char c) throws AssemblyException {
        if (c == '\'') {
            return character();
        }
        if (Character.isDigit(c)) {
            return number();
        }
        int start = pos;
        while (pos < text.length() && SourceParser.isSymbolChar(text.charAt(pos))) {
            pos++;
        }
        String name = text.substring(start, pos);
        if (name.isEmpty()) {
            throw error("unexpected `" + c + "` in expression");
        }
        if (name.equals(".")) {
            usesAddress = true;
            return symbols.dot();
        }
        if (symbols.symbol(name) == null || symbols.isLabel(name)) {
            usesAddress = true;
        }
        return orUndefined(symbols.symbol(name), name);
    }

    private long orUndefined(Long value, String name) {
        if (value == null) {
            if (undefined == null) {
                undefined = name;
            }
            return 0;
        }
        return value;
    }

    private long number() throws AssemblyException {
        int start = pos;
        while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
            pos++;
        }
        String tok = text.substring(start, pos).toLowerCase();
        try {
            if (tok.matches("\\d+[bf]")) {
                int n = Integer.parseInt(tok.substring(0, tok.length() - 1));
                usesAddress = true;
                return orUndefined(symbols.localLabel(n, tok.endsWith("f")), tok);
            }
            if (tok.startsWith("0x")) {
                return Long.parseUnsignedLong(tok.substring(2), 16);
            }
            if (tok.startsWith("0b")) {
                return Long.parseUnsignedLong(tok.substring(2), 2);
            }
            if (tok.length() > 1 && tok.startsWith("0")) {
                return Long.parseUnsignedLong(tok.substring(1), 8);
            }
            return Long.parseUnsignedLong(tok);
        } catch (NumberFormatException e) {
            throw error("bad number `" + tok + "`");
        }
    }

    private long character() throws AssemblyException {
        int end = text.indexOf('\'', pos + 2);
        String body = end < 0 ? "" : text.substring(pos + 1, end);
        if (body.length() == 1) {
            pos = end + 1;
            return body.charAt(0);
        }
        if (body.length() == 2 && body.charAt(0) == '\\') {
            pos = end + 1;
            return StringLiteral.escape(body.charAt(1));
        }
        throw error("bad character constant");
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private AssemblyException error(String problem) {
        return new AssemblyException(where.location(), problem + " in `" + text + "`", where.text());
    }
}
