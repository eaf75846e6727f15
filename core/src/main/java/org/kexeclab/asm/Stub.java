package org.kexeclab.asm;

import java.nio.ByteOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An assembled program: its bytes (to be copied to {@link #origin()}), its symbols (labels and
 * {@code .equ} constants, absolute), the {@code .globl} names, a {@link Listing} and the source
 * text it was assembled from (so a viewer can show the whole file, comments included, around
 * the listed lines). Named data slots are labels; {@link #patch} fills one before the stub is
 * copied into guest memory. Immutable.
 */
public final class Stub {

    private final byte[] bytes;
    private final long origin;
    private final Map<String, Long> symbols;
    private final Set<String> globals;
    private final Listing listing;
    private final ByteOrder byteOrder;
    private final String source;

    Stub(byte[] bytes, long origin, Map<String, Long> symbols, Set<String> globals, Listing listing, ByteOrder order) {
        this(bytes, origin, symbols, globals, listing, order, "");
    }

    private Stub(byte[] bytes, long origin, Map<String, Long> symbols, Set<String> globals, Listing listing,
            ByteOrder order, String source) {
        this.bytes = bytes;
        this.origin = origin;
        this.symbols = Collections.unmodifiableMap(new LinkedHashMap<>(symbols));
        this.globals = Collections.unmodifiableSet(new TreeSet<>(globals));
        this.listing = listing;
        this.byteOrder = order;
        this.source = source;
    }

    /** This stub with {@code text} as its source text. */
    Stub withSource(String text) {
        return new Stub(bytes, origin, symbols, globals, listing, byteOrder, text);
    }

    /** A copy of the program's bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Number of bytes. */
    public int size() {
        return bytes.length;
    }

    /** The address the program was assembled for (its first byte). */
    public long origin() {
        return origin;
    }

    /** The byte order data directives and {@link #patch} use. */
    public ByteOrder byteOrder() {
        return byteOrder;
    }

    /**
     * The value of a label or constant.
     *
     * @throws IllegalArgumentException if the stub defines no such symbol
     */
    public long symbol(String name) {
        Long v = symbols.get(name);
        if (v == null) {
            throw new IllegalArgumentException("the stub defines no symbol `" + name + "`; defined: " + symbols.keySet());
        }
        return v;
    }

    /** True if {@code name} is defined. */
    public boolean hasSymbol(String name) {
        return symbols.containsKey(name);
    }

    /** Offset of a label from {@link #origin()}. */
    public int offsetOf(String label) {
        return Math.toIntExact(symbol(label) - origin);
    }

    /** Every symbol, in definition order (numeric local labels are not included). */
    public Map<String, Long> symbols() {
        return symbols;
    }

    /** Names declared with {@code .globl}/{@code .global}. */
    public Set<String> globals() {
        return globals;
    }

    /** Address to source mapping. */
    public Listing listing() {
        return listing;
    }

    /**
     * The source text the program was assembled from, the file the listing's locations point
     * into (line {@code n} is the {@code n}-th line of this text).
     */
    public String source() {
        return source;
    }

    /**
     * A copy of this stub with {@code value} written in {@link #byteOrder()} over the
     * {@code size} bytes at data slot {@code slot}. The listing keeps showing the assembled
     * bytes.
     *
     * @param size 1, 2, 4 or 8
     * @throws IllegalArgumentException if the slot is unknown, the size is not one of those, the
     *         slot's bytes fall outside the stub, or {@code value} does not fit in {@code size} bytes
     */
    public Stub patch(String slot, long value, int size) {
        int off = offsetOf(slot);
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            throw new IllegalArgumentException("patch size must be 1, 2, 4 or 8, not " + size);
        }
        if (off < 0 || off + size > bytes.length) {
            throw new IllegalArgumentException("data slot `" + slot + "` at offset " + off + " has no " + size + " bytes inside the stub");
        }
        if (size < 8 && (value >> (8 * size)) != 0 && (value >> (8 * size - 1)) != -1) {
            throw new IllegalArgumentException("value " + Long.toHexString(value) + " does not fit the " + size + "-byte slot `" + slot + "`");
        }
        byte[] copy = bytes.clone();
        ByteWriter.put(copy, off, value, size, byteOrder);
        return new Stub(copy, origin, symbols, globals, listing, byteOrder, source);
    }
}
