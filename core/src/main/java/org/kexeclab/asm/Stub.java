package org.kexeclab.asm;

import java.nio.ByteOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The relocation code a control page holds: its bytes (to be copied to {@link #origin()}), its
 * symbols (labels and {@code .equ} constants, absolute), the {@code .globl} names, a
 * {@link Listing} and, for a program the project assembled, the source text it was assembled from
 * (so a viewer can show the whole file, comments included, around the listed lines). {@link #of}
 * wraps code taken from a kernel, which may also run from other copies of the same bytes
 * ({@link #placements()}). Named data slots are labels; {@link #patch} fills one before the stub
 * is copied into guest memory. Immutable.
 */
public final class Stub {

    private final byte[] bytes;
    private final long origin;
    private final Map<String, Long> symbols;
    private final Set<String> globals;
    private final Listing listing;
    private final ByteOrder byteOrder;
    private final List<Long> placements;
    private final String source;

    Stub(byte[] bytes, long origin, Map<String, Long> symbols, Set<String> globals, Listing listing, ByteOrder order) {
        this(bytes, List.of(origin), symbols, globals, listing, order, "");
    }

    private Stub(byte[] bytes, List<Long> placements, Map<String, Long> symbols, Set<String> globals, Listing listing,
                 ByteOrder order, String source) {
        this.bytes = bytes;
        this.origin = placements.get(0);
        this.placements = List.copyOf(placements);
        this.symbols = Collections.unmodifiableMap(new LinkedHashMap<>(symbols));
        this.globals = Collections.unmodifiableSet(new TreeSet<>(globals));
        this.listing = listing;
        this.byteOrder = order;
        this.source = source;
    }

    /** This stub with {@code text} as its source text. */
    Stub withSource(String text) {
        return new Stub(bytes, placements, symbols, globals, listing, byteOrder, text);
    }

    /**
     * Code the project did not assemble (a kernel's own relocation code): {@code bytes} copied
     * to {@code placements.get(0)}, its origin, and also executed at the other placements (copies
     * of the same bytes elsewhere), listed by {@code listing}. Every symbol counts as global.
     *
     * @throws IllegalArgumentException if there is no placement or two placements overlap
     */
    public static Stub of(byte[] bytes, List<Long> placements, Map<String, Long> symbols, Listing listing,
                          ByteOrder order) {
        if (placements.isEmpty()) {
            throw new IllegalArgumentException("code must run somewhere: no placement given");
        }
        for (int i = 0; i < placements.size(); i++) {
            for (int k = i + 1; k < placements.size(); k++) {
                long a = placements.get(i);
                long b = placements.get(k);
                if (Long.compareUnsigned(a - b, bytes.length) < 0 || Long.compareUnsigned(b - a, bytes.length) < 0) {
                    throw new IllegalArgumentException(String.format("placements 0x%x and 0x%x of %d bytes overlap",
                            a, b, bytes.length));
                }
            }
        }
        return new Stub(bytes.clone(), placements, symbols, symbols.keySet(), listing, order, "");
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

    /**
     * Every address a copy of these bytes runs from, {@link #origin()} first; each covers
     * {@link #size()} bytes. An assembled stub runs from its origin only.
     */
    public List<Long> placements() {
        return placements;
    }

    /** True if {@code address} lies in one of the {@link #placements()}. */
    public boolean contains(long address) {
        for (long p : placements) {
            if (Long.compareUnsigned(address - p, bytes.length) < 0) {
                return true;
            }
        }
        return false;
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
        return new Stub(copy, placements, symbols, globals, listing, byteOrder, source);
    }
}
