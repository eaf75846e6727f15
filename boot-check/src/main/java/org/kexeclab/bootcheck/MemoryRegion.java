package org.kexeclab.bootcheck;

import java.util.Objects;

/**
 * Bytes QEMU is given at a guest-physical address: one {@code -device loader,file=...,addr=...}
 * (or the {@code -bios} image), named for reports.
 *
 * @param address guest-physical address of the first byte
 * @param bytes   the contents; treat as read-only
 * @param label   what it is ("kernel", "dtb", "entry trampoline", ...)
 */
public record MemoryRegion(long address, byte[] bytes, String label) {
    /** Requires bytes and label. */
    public MemoryRegion {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(label, "label");
    }

    /** The first address after the region. */
    public long end() {
        return address + bytes.length;
    }

    /** True if {@code [from, to)} overlaps the region. */
    public boolean overlaps(long from, long to) {
        return Long.compareUnsigned(from, end()) < 0 && Long.compareUnsigned(address, to) < 0;
    }

    @Override
    public String toString() {
        return String.format("%s [0x%x, 0x%x)", label, address, end());
    }
}
