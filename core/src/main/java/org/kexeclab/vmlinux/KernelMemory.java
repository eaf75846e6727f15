package org.kexeclab.vmlinux;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The decompressed kernel as its code sees it: virtual-address ranges backed by the image's
 * bytes (the file bytes of each ELF {@code PT_LOAD}, or one range for a raw image placed at
 * its link address). BSS and other bytes not in the file are not mapped.
 */
public final class KernelMemory {
    /**
     * One mapped range.
     *
     * @param address the virtual address of its first byte
     * @param data    the array holding the bytes (shared, read-only)
     * @param offset  where the range starts in {@code data}
     * @param length  its length in bytes
     */
    public record Region(long address, byte[] data, int offset, int length) {
        /** True if {@code [va, va + len)} lies inside this range. */
        public boolean contains(long va, long len) {
            long rel = va - address;
            return len >= 0 && Long.compareUnsigned(rel, length) < 0 && len <= length - rel;
        }
    }

    private final Region[] regions;
    private final int wordSize;
    private final ByteOrder order;

    /**
     * @param regions  the mapped ranges (any order; sorted here by address)
     * @param wordSize the kernel's word size, 4 or 8
     * @param order    the kernel's byte order
     */
    public KernelMemory(List<Region> regions, int wordSize, ByteOrder order) {
        if (wordSize != 4 && wordSize != 8) {
            throw new IllegalArgumentException("word size " + wordSize + " is neither 4 nor 8");
        }
        this.regions = regions.toArray(new Region[0]);
        Arrays.sort(this.regions, Comparator.comparing(Region::address, Long::compareUnsigned));
        this.wordSize = wordSize;
        this.order = order;
    }

    /** The mapped ranges, in address order. */
    public List<Region> regions() {
        return List.of(regions);
    }

    /** The kernel's word size in bytes. */
    public int wordSize() {
        return wordSize;
    }

    /** The kernel's byte order. */
    public ByteOrder order() {
        return order;
    }

    /** True if all of {@code [va, va + len)} is mapped by one range. */
    public boolean contains(long va, long len) {
        return regionOf(va, len) != null;
    }

    /**
     * A copy of {@code len} bytes from {@code va}.
     *
     * @throws VmlinuxException if the range is not inside one mapped range
     */
    public byte[] read(long va, int len) throws VmlinuxException {
        Region r = regionOf(va, len);
        if (r == null) {
            throw new VmlinuxException(String.format("the kernel image has no bytes at [0x%x, 0x%x)", va, va + len));
        }
        int at = r.offset() + (int) (va - r.address());
        return Arrays.copyOfRange(r.data(), at, at + len);
    }

    /** An unsigned word of {@code size} (1, 2, 4 or 8) bytes at {@code va} in the kernel's byte order. */
    public long word(long va, int size) throws VmlinuxException {
        byte[] b = read(va, size);
        return new ByteView(b, order).read(0, size);
    }

    /** The unsigned 32-bit word at {@code va}. */
    public long u32(long va) throws VmlinuxException {
        return word(va, 4);
    }

    private Region regionOf(long va, long len) {
        for (Region r : regions) {
            if (r.contains(va, len)) {
                return r;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("KernelMemory{");
        for (Region r : regions) {
            sb.append(String.format(" [0x%x, +0x%x)", r.address(), r.length()));
        }
        return sb.append(" }").toString();
    }
}
