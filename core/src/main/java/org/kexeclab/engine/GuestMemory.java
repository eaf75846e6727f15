package org.kexeclab.engine;

/**
 * Guest physical memory as seen by kexec-lab's model: bulk reads and writes at 64-bit
 * guest addresses. Implemented by every {@link Cpu} engine and by the pure-Java
 * {@link SparseMemory} that the oracle and the unit tests use.
 *
 * <p>Addresses are {@code long}; an access to memory that is not mapped throws
 * {@link GuestMemoryException} naming the address.
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
