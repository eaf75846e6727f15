package org.kexeclab.x86;

/**
 * A half-open range of physical addresses {@code [start, end)}.
 *
 * @param start first address
 * @param end   first address past the range; {@code end >= start}
 */
public record AddressRange(long start, long end) {
    public AddressRange {
        if (Long.compareUnsigned(end, start) < 0) {
            throw new IllegalArgumentException("range end 0x" + Long.toHexString(end)
                    + " lies before its start 0x" + Long.toHexString(start));
        }
    }

    /** The range of {@code size} bytes starting at {@code start}. */
    public static AddressRange of(long start, long size) {
        return new AddressRange(start, start + size);
    }

    /** Number of bytes. */
    public long size() {
        return end - start;
    }

    @Override
    public String toString() {
        return String.format("[%#x, %#x)", start, end);
    }
}
