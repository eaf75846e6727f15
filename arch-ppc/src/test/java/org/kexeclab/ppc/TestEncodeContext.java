package org.kexeclab.ppc;

import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.SourceLocation;

/**
 * A minimal {@link EncodeContext} for encoder unit tests: a fixed pc, a byte order, named
 * symbols, and an evaluator for numbers, {@code .}, symbols, unary {@code - ~}, binary
 * {@code + - * & |} and parentheses. Symbols listed as unresolved evaluate to the pc, as the
 * assembler's early passes do.
 */
final class TestEncodeContext implements EncodeContext {
    private final long pc;
    private final ByteOrder order;
    private final Map<String, Long> symbols = new HashMap<>();
    private boolean finalPass = true;
    private String text;
    private int pos;

    TestEncodeContext(long pc, ByteOrder order) {
        this.pc = pc;
        this.order = order;
    }

    TestEncodeContext define(String name, long value) {
        symbols.put(name, value);
        return this;
    }

    TestEncodeContext earlyPass() {
        finalPass = false;
        return this;
    }

    @Override
    public long pc() {
        return pc;
    }

    @Override
    public ByteOrder byteOrder() {
        return order;
    }

    @Override
    public boolean finalPass() {
        return finalPass;
    }

    @Override
    public int previousSize() {
        return -1;
    }

    @Override
    public boolean isResolved(String expression) {
        try {
            parse(expression);
            return true;
        } catch (AssemblyException e) {
            return false;
        }
    }

    @Override
    public long evaluate(String expression) throws AssemblyException {
        try {
            return parse(expression);
        } catch (AssemblyException e) {
            if (!finalPass && e.problem().startsWith("undefined")) {
                return pc;
            }
            throw e;
        }
    }

    private long parse(String expression) throws AssemblyException {
        text = expression.replace(" ", "");
        pos = 0;
        long v = sum();
        if (pos != text.length()) {
            throw fail("malformed expression");
        }
        return v;
    }

    private long sum() throws AssemblyException {
        long v = product();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '+' || c == '-' || c == '&' || c == '|') {
                pos++;
                long r = product();
                v = c == '+' ? v + r : c == '-' ? v - r : c == '&' ? v & r : v | r;
            } else {
                break;
            }
        }
        return v;
    }

    private long product() throws AssemblyException {
        long v = unary();
        while (pos < text.length() && text.charAt(pos) == '*') {
            pos++;
            v *= unary();
        }
        return v;
    }

    private long unary() throws AssemblyException {
        if (pos < text.length() && text.charAt(pos) == '-') {
            pos++;
            return -unary();
        }
        if (pos < text.length() && text.charAt(pos) == '~') {
            pos++;
            return ~unary();
        }
        return primary();
    }

    private long primary() throws AssemblyException {
        if (pos >= text.length()) {
            throw fail("malformed expression");
        }
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            long v = sum();
            if (pos >= text.length() || text.charAt(pos) != ')') {
                throw fail("malformed expression");
            }
            pos++;
            return v;
        }
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos))
                || text.charAt(pos) == '_' || text.charAt(pos) == '.')) {
            pos++;
        }
        String token = text.substring(start, pos);
        if (token.isEmpty()) {
            throw fail("malformed expression");
        }
        return atom(token);
    }

    private long atom(String token) throws AssemblyException {
        if (token.equals(".")) {
            return pc;
        }
        if (Character.isDigit(token.charAt(0))) {
            try {
                return token.startsWith("0x") ? Long.parseUnsignedLong(token.substring(2), 16) : Long.parseLong(token);
            } catch (NumberFormatException e) {
                throw fail("malformed number");
            }
        }
        Long v = symbols.get(token);
        if (v == null) {
            throw fail("undefined symbol " + token);
        }
        return v;
    }

    private AssemblyException fail(String problem) {
        return new AssemblyException(new SourceLocation("test", 1, 1), problem, text);
    }
}
