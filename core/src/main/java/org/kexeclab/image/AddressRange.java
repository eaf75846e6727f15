package org.kexeclab.image;

import java.util.List;

/**
 * A half-open range of guest physical addresses {@code [start, end)} with an optional
 * label (e.g. "firmware", "stub") used in messages.
 *
 * @param start first address
 * @param end   first address after the range (unsigned, greater than start)
 * @param label what lives there, for messages; never null (may be empty)
 */
public record AddressRange(long start, long end, String label) {

    /** Validates that the range is non-empty and does not wrap. */
    public AddressRange {
        if (Long.compareUnsigned(end, start) <= 0) {
            throw new IllegalArgumentException(String.format(
                    "address range [0x%x, 0x%x) is empty or wraps around; end must exceed start", start, end));
        }
        label = label == null ? "" : label;
    }

    /** An unlabelled range of {@code size} bytes at {@code start}. */
    public static AddressRange of(long start, long size) {
        return new AddressRange(start, start + size, "");
    }

    /** A labelled range of {@code size} bytes at {@code start}. */
    public static AddressRange of(long start, long size, String label) {
        return new AddressRange(start, start + size, label);
    }

    /** Number of bytes in the range. */
    public long size() {
        return end - start;
    }

    /** True if {@code address} lies inside the range. */
    public boolean contains(long address) {
        return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
    }

    /** True if all of {@code [from, to)} lies inside the range. */
    public boolean containsAll(long from, long to) {
        return Long.compareUnsigned(from, start) >= 0 && Long.compareUnsigned(to, end) <= 0;
    }

    /** True if {@code [from, to)} shares at least one byte with the range. */
    public boolean overlaps(long from, long to) {
        return Long.compareUnsigned(from, end) < 0 && Long.compareUnsigned(to, start) > 0;
    }

    /** The bounds without the label, "[0x100000, 0x200000)", for a sentence that names the range itself. */
    public String bounds() {
        return String.format("[0x%x, 0x%x)", start, end);
    }

    /** Each range's bounds without its label, "[0x0, 0x8000000) [0x100000000, 0x140000000)". */
    public static String bounds(List<AddressRange> ranges) {
        StringBuilder b = new StringBuilder();
        for (AddressRange r : ranges) {
            b.append(b.length() == 0 ? "" : " ").append(r.bounds());
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return label.isEmpty() ? bounds() : label + " " + bounds();
    }
}
