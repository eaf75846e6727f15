package org.kexeclab.asm;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One pass over the statements: assigns addresses, defines labels, asks the encoder for
 * each instruction's bytes and the {@link Directives} for data. Also the
 * {@link EncodeContext} the encoder sees.
 */
final class AssemblyPass implements EncodeContext, Expression.Symbols {

    private final List<Statement> statements;
    private final InstructionEncoder initialEncoder;
    /** The encoder of the code being assembled: the initial one until a directive selects another. */
    private InstructionEncoder encoder;
    private final ByteOrder order;
    private final long origin;
    private final SymbolTable symbols;
    private final int[] previousSizes;
    private final boolean finalPass;
    private final int[] sizes;
    private final Set<String> globals = new TreeSet<>();
    private byte[] out = new byte[4096];
    private int length;
    private int index;
    private long pc;
    private final List<Row> listing = new ArrayList<>();

    /** One listing row collected on the final pass. */
    private record Row(long address, int length, SourceLocation location, String text) {
    }

    AssemblyPass(List<Statement> statements, InstructionEncoder encoder, ByteOrder order, long origin,
                 SymbolTable symbols, int[] previousSizes, boolean finalPass) {
        this.statements = statements;
        this.initialEncoder = encoder;
        this.encoder = encoder;
        this.order = order;
        this.origin = origin;
        this.symbols = symbols;
        this.previousSizes = previousSizes;
        this.finalPass = finalPass;
        this.sizes = new int[statements.size()];
    }

    /** Runs the pass over every statement. */
    void run() throws AssemblyException {
        symbols.startPass();
        encoder = initialEncoder;
        for (index = 0; index < statements.size(); index++) {
            Statement s = statements.get(index);
            pc = origin + length;
            int before = length;
            switch (s.kind()) {
                case LABEL:
                    symbols.defineLabel(s, pc, index);
                    break;
                case DIRECTIVE:
                    Directives.apply(s, this);
                    break;
                default:
                    instruction(s);
            }
            sizes[index] = length - before;
            if (finalPass && length > before) {
                listing.add(new Row(pc, length - before, s.location(), s.text()));
            }
        }
    }

    private void instruction(Statement s) throws AssemblyException {
        int align = encoder.instructionAlignment();
        if (align > 1 && Long.remainderUnsigned(pc, align) != 0) {
            throw s.error("instruction at " + Long.toHexString(pc) + " is not aligned to " + align + " bytes; add .balign " + align);
        }
        emit(encoder.encode(s.toInstruction(), this));
    }

    /** Appends bytes at the current position. */
    void emit(byte[] bytes) {
        ensure(length + bytes.length);
        System.arraycopy(bytes, 0, out, length, bytes.length);
        length += bytes.length;
    }

    /**
     * Appends {@code count} copies of {@code fill}; with no fill, the encoder's
     * {@link InstructionEncoder#padding} for alignment and zeros otherwise.
     */
    void pad(long count, Integer fill, Statement s, boolean alignment) throws AssemblyException {
        if (count < 0 || count > (1 << 24)) {
            throw s.error("cannot emit " + count + " bytes here");
        }
        if (fill == null) {
            byte[] filler = alignment ? encoder.padding((int) count) : new byte[(int) count];
            if (filler.length != count) {
                throw s.error("the encoder's padding has " + filler.length + " bytes instead of " + count);
            }
            emit(filler);
        } else {
            byte[] b = new byte[(int) count];
            Arrays.fill(b, (byte) (int) fill);
            emit(b);
        }
    }

    private void ensure(int capacity) {
        if (capacity > out.length) {
            out = Arrays.copyOf(out, Math.max(capacity, out.length * 2));
        }
    }

    /** Evaluates an expression of statement {@code s}; undefined names are errors on the final pass. */
    long evaluate(String expression, Statement s) throws AssemblyException {
        Expression.Value v = Expression.evaluate(expression, this, s);
        if (!v.resolved()) {
            if (finalPass) {
                throw s.error("undefined symbol `" + v.firstUndefined() + "`");
            }
            return pc;
        }
        return v.value();
    }

    @Override
    public long evaluate(String expression) throws AssemblyException {
        return evaluate(expression, statements.get(index));
    }

    @Override
    public boolean isResolved(String expression) {
        try {
            return Expression.evaluate(expression, this, statements.get(index)).resolved();
        } catch (AssemblyException e) {
            return true; // malformed: let evaluate() report it
        }
    }

    @Override
    public boolean isConstant(String expression) {
        try {
            Expression.Value v = Expression.evaluate(expression, this, statements.get(index));
            return v.resolved() && v.constant();
        } catch (AssemblyException e) {
            return false;
        }
    }

    @Override
    public boolean isLabel(String name) {
        return symbols.isLabel(name);
    }

    @Override
    public long pc() {
        return pc;
    }

    @Override
    public boolean finalPass() {
        return finalPass;
    }

    @Override
    public int previousSize() {
        return previousSizes == null ? -1 : previousSizes[index];
    }

    @Override
    public ByteOrder byteOrder() {
        return order;
    }

    @Override
    public Long symbol(String name) {
        return symbols.value(name);
    }

    @Override
    public Long localLabel(int number, boolean forward) {
        return symbols.local(number, forward, index);
    }

    @Override
    public long dot() {
        return pc;
    }

    /** The encoder of the code at the current statement. */
    InstructionEncoder encoder() {
        return encoder;
    }

    /** Makes {@code selected} the encoder of the statements that follow. */
    void select(InstructionEncoder selected) {
        encoder = selected;
    }

    SymbolTable symbols() {
        return symbols;
    }

    Set<String> globals() {
        return globals;
    }

    long origin() {
        return origin;
    }

    int length() {
        return length;
    }

    int[] sizes() {
        return sizes;
    }

    /** The finished program; only meaningful after the final pass. */
    Stub toStub() {
        byte[] code = Arrays.copyOf(out, length);
        int n = listing.size();
        long[] addresses = new long[n];
        int[] lengths = new int[n];
        SourceLocation[] locations = new SourceLocation[n];
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) {
            Row r = listing.get(i);
            addresses[i] = r.address();
            lengths[i] = r.length();
            locations[i] = r.location();
            texts[i] = r.text();
        }
        Listing l = new Listing(origin, code, addresses, lengths, locations, texts);
        return new Stub(code, origin, symbols.all(), globals, l, order);
    }
}
