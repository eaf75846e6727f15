package org.kexeclab.asm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What each address of an assembled program came from: address, bytes, source location and
 * source text of every statement that emitted bytes (instructions, data, alignment and
 * {@code .org} padding), in address order. {@link #indexOf} is a binary search that does not
 * allocate, so traces may call it for every executed instruction.
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
    private final long origin;

    Listing(long origin, byte[] code, long[] addresses, int[] lengths, SourceLocation[] locations, String[] texts) {
        this.origin = origin;
        this.code = code;
        this.addresses = addresses;
        this.lengths = lengths;
        this.locations = locations;
        this.texts = texts;
    }

    /** Number of entries. */
    public int size() {
        return addresses.length;
    }

    /** Index of the entry whose bytes contain {@code address}, or -1. Allocation-free. */
    public int indexOf(long address) {
        int i = Arrays.binarySearch(addresses, address);
        if (i < 0) {
            i = -i - 2;
        }
        return i >= 0 && address - addresses[i] < lengths[i] ? i : -1;
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

    /** Entry {@code i} with a copy of its bytes. */
    public Entry entry(int i) {
        int off = (int) (addresses[i] - origin);
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
