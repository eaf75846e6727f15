package org.kexeclab.engine;

/**
 * Guest physical memory as kexec-lab's model sees it: bulk reads and writes at guest
 * addresses. Every engine's {@link Cpu} is one; so is {@link SparseMemory}, the pure-Java
 * memory that tests (and {@link org.kexeclab.image.ReferenceRelocation} in them) use without
 * an engine.
 *
 * <p>Addresses are {@code long} (a 32-bit architecture's fit in its low half); an access to
 * memory that is not mapped throws {@link GuestMemoryException} naming the address.
 */
public interface GuestMemory {

    /** Writes {@code len} bytes of {@code src} starting at {@code src[off]} to {@code address}. */
    void write(long address, byte[] src, int off, int len);

    /** Reads {@code len} bytes at {@code address} into {@code dst} starting at {@code dst[off]}. */
    void read(long address, byte[] dst, int off, int len);

    /** Writes all of {@code src} to {@code address}. */
    default void write(long address, byte[] src) {
        write(address, src, 0, src.length);
    }

    /** Reads {@code len} bytes at {@code address} into a new array. */
    default byte[] read(long address, int len) {
        byte[] b = new byte[len];
        read(address, b, 0, len);
        return b;
    }
}
