package org.kexeclab.asmtest;

import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.SourceLocation;

/**
 * A final-pass {@link EncodeContext} for encoder unit tests: a fixed pc and an evaluator
 * for sums and differences of numbers, {@code .} and named symbols (enough for golden lines
 * such as {@code b .+8}).
 */
public final class FixedContext implements EncodeContext {

    private final long pc;
    private final ByteOrder order;
    private final Map<String, Long> symbols = new HashMap<>();

    /** A little-endian context at address {@code pc}. */
    public FixedContext(long pc) {
        this(pc, ByteOrder.LITTLE_ENDIAN);
    }

    /** A context at address {@code pc} for a target with data byte order {@code order}. */
    public FixedContext(long pc, ByteOrder order) {
        this.pc = pc;
        this.order = order;
    }

    /** Defines a symbol for {@link #evaluate}; returns this. */
    public FixedContext define(String name, long value) {
        symbols.put(name, value);
        return this;
    }

    @Override
    public long pc() {
        return pc;
    }

    @Override
    public long evaluate(String expression) throws AssemblyException {
        String e = expression.replace(" ", "");
        long sum = 0;
        int sign = 1;
        int start = 0;
        for (int i = 0; i <= e.length(); i++) {
            if (i == e.length() || ((e.charAt(i) == '+' || e.charAt(i) == '-') && i > start)) {
                sum += sign * term(e.substring(start, i), expression);
                if (i < e.length()) {
                    sign = e.charAt(i) == '-' ? -1 : 1;
                }
                start = i + 1;
            } else if (i == start && e.charAt(i) == '-') {
                sign = -sign;
                start = i + 1;
            }
        }
        return sum;
    }

    private long term(String t, String whole) throws AssemblyException {
        if (t.equals(".")) {
            return pc;
        }
        if (symbols.containsKey(t)) {
            return symbols.get(t);
        }
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            return Long.parseLong(t);
        } catch (NumberFormatException ex) {
            throw new AssemblyException(new SourceLocation("test", 1, 1), "bad expression", whole);
        }
    }

    @Override
    public boolean isResolved(String expression) {
        return true;
    }

    @Override
    public boolean finalPass() {
        return true;
    }

    @Override
    public int previousSize() {
        return -1;
    }

    @Override
    public ByteOrder byteOrder() {
        return order;
    }
}
