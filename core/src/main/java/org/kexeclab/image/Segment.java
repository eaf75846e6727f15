package org.kexeclab.image;

import java.util.Objects;

/**
 * One kexec segment, the kernel's {@code struct kexec_segment}: {@code bufsz} bytes of
 * {@link SegmentData} to be placed at physical address {@code mem}, which is followed by
 * zeros up to {@code memsz}. Nothing is validated here: the load checks
 * ({@link LoadChecks}) refuse bad segments with the kernel's errno.
 *
 * @param data  the bytes (the kernel's {@code buf}); {@code bufsz == data.size()}
 * @param mem   destination physical address
 * @param memsz destination size in bytes
 */
public record Segment(SegmentData data, long mem, long memsz) {

    /** Requires data to be non-null. */
    public Segment {
        Objects.requireNonNull(data, "segment data");
    }

    /** A segment holding a copy of {@code bytes}. */
    public static Segment of(byte[] bytes, long mem, long memsz) {
        return new Segment(SegmentData.of(bytes), mem, memsz);
    }

    /** {@code bufsz}: how many bytes the segment supplies. */
    public long bufsz() {
        return data.size();
    }

    /** {@code mem + memsz}: the first address after the destination (may overflow). */
    public long mend() {
        return mem + memsz;
    }

    /** Number of pages in the destination (memsz rounded up to pages). */
    public long pageCount(int pageSize) {
        return Long.divideUnsigned(memsz + pageSize - 1, pageSize);
    }

    @Override
    public String toString() {
        return String.format("segment{mem 0x%x, memsz 0x%x, bufsz 0x%x}", mem, memsz, bufsz());
    }
}
