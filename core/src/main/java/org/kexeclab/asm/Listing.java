package org.kexeclab.asm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What each address of a program came from: address, bytes, source location and source text
 * of every statement that emitted bytes (instructions, data, alignment and {@code .org}
 * padding), in unsigned address order. An assembled program lists each statement once; a
 * program taken from a kernel ({@link #builder}) lists each decoded instruction at every
 * address it runs from (a kernel's code may run first at its link address, then from its copy
 * in the control page), both rows sharing the same bytes. {@link #indexOf} is a binary search
 * that does not allocate, so traces may call it for every executed instruction.
 */
public final class Listing {

    /** One listed statement. */
    public record Entry(long address, byte[] bytes, SourceLocation location, String text) {
        @Override
        public String toString() {
            StringBuilder hex = new StringBuilder();
            for (byte b : bytes) {
                hex.append(String.format("%02x", b & 0xff));
            }
            return String.format("%#010x  %-20s %s  (%s)", address, hex, text, location);
        }
    }

    private final long[] addresses;
    private final int[] lengths;
    private final SourceLocation[] locations;
    private final String[] texts;
    private final byte[] code;
    /** Where entry i's bytes start in {@link #code}. */
    private final int[] offsets;

    Listing(long origin, byte[] code, long[] addresses, int[] lengths, SourceLocation[] locations, String[] texts) {
        this(code, addresses, offsetsFrom(origin, addresses), lengths, locations, texts);
    }

    private Listing(byte[] code, long[] addresses, int[] offsets, int[] lengths, SourceLocation[] locations,
                    String[] texts) {
        this.code = code;
        this.addresses = addresses;
        this.offsets = offsets;
        this.lengths = lengths;
        this.locations = locations;
        this.texts = texts;
    }

    private static int[] offsetsFrom(long origin, long[] addresses) {
        int[] out = new int[addresses.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) (addresses[i] - origin);
        }
        return out;
    }

    /** A builder of the listing of a program not assembled here, whose bytes are {@code code}. */
    public static Builder builder(byte[] code) {
        return new Builder(code);
    }

    /**
     * Collects the rows of a listing for code the project did not assemble (a kernel's own
     * relocation code, decoded instruction by instruction): each row names where its bytes
     * lie in the code, so the same bytes may be listed at several addresses.
     */
    public static final class Builder {
        private final byte[] code;
        private final List<Object[]> rows = new ArrayList<>();

        private Builder(byte[] code) {
            this.code = code.clone();
        }

        /**
         * Adds a row: the {@code length} bytes at {@code offset} of the code, run at {@code address}.
         *
         * @throws IllegalArgumentException if the bytes are not inside the code
         */
        public Builder add(long address, int offset, int length, SourceLocation location, String text) {
            if (offset < 0 || length < 0 || offset + length > code.length) {
                throw new IllegalArgumentException(String.format("bytes [%d, %d) are not inside the %d-byte code",
                        offset, offset + length, code.length));
            }
            rows.add(new Object[] {address, offset, length, location, text});
            return this;
        }

        /**
         * The listing, rows in unsigned address order.
         *
         * @throws IllegalArgumentException if two rows overlap
         */
        public Listing build() {
            List<Object[]> sorted = new ArrayList<>(rows);
            sorted.sort((a, b) -> Long.compareUnsigned((long) a[0], (long) b[0]));
            int n = sorted.size();
            long[] addresses = new long[n];
            int[] offsets = new int[n];
            int[] lengths = new int[n];
            SourceLocation[] locations = new SourceLocation[n];
            String[] texts = new String[n];
            for (int i = 0; i < n; i++) {
                Object[] r = sorted.get(i);
                addresses[i] = (long) r[0];
                offsets[i] = (int) r[1];
                lengths[i] = (int) r[2];
                locations[i] = (SourceLocation) r[3];
                texts[i] = (String) r[4];
                if (i > 0 && Long.compareUnsigned(addresses[i - 1] + lengths[i - 1], addresses[i]) > 0
                        && lengths[i - 1] > 0) {
                    throw new IllegalArgumentException(String.format("rows at 0x%x and 0x%x overlap",
                            addresses[i - 1], addresses[i]));
                }
            }
            return new Listing(code, addresses, offsets, lengths, locations, texts);
        }
    }

    /** Number of entries. */
    public int size() {
        return addresses.length;
    }

    /** Index of the entry whose bytes contain {@code address}, or -1. Allocation-free. */
    public int indexOf(long address) {
        int lo = 0;
        int hi = addresses.length - 1;
        int floor = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Long.compareUnsigned(addresses[mid], address);
            if (c == 0) {
                floor = mid;
                while (floor + 1 < addresses.length && addresses[floor + 1] == address) {
                    floor++;   // zero-length rows (labels) share an address with the row after them
                }
                break;
            }
            if (c < 0) {
                floor = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return floor >= 0 && Long.compareUnsigned(address - addresses[floor], lengths[floor]) < 0 ? floor : -1;
    }

    /** Start address of entry {@code i}. */
    public long address(int i) {
        return addresses[i];
    }

    /** Byte count of entry {@code i}. */
    public int length(int i) {
        return lengths[i];
    }

    /** Source location of entry {@code i}. */
    public SourceLocation location(int i) {
        return locations[i];
    }

    /** Source text of entry {@code i}. */
    public String text(int i) {
        return texts[i];
    }

    /** Byte {@code k} of entry {@code i}, unsigned (no copy: for traces, per executed instruction). */
    public int byteAt(int i, int k) {
        return code[offsets[i] + k] & 0xff;
    }

    /** Entry {@code i} with a copy of its bytes. */
    public Entry entry(int i) {
        int off = offsets[i];
        return new Entry(addresses[i], Arrays.copyOfRange(code, off, off + lengths[i]), locations[i], texts[i]);
    }

    /** The entry covering {@code address}, or {@code null} if no statement emitted that byte. */
    public Entry at(long address) {
        int i = indexOf(address);
        return i < 0 ? null : entry(i);
    }

    /** All entries in address order. */
    public List<Entry> entries() {
        List<Entry> all = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            all.add(entry(i));
        }
        return all;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < size(); i++) {
            b.append(entry(i)).append('\n');
        }
        return b.toString();
    }
}
