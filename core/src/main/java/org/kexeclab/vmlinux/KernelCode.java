package org.kexeclab.vmlinux;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A run of the kernel's own machine code: its bytes, the virtual address they are linked
 * at and the byte order of its instruction words.
 *
 * @param name    what the code is, usually its symbol ("relocate_kernel")
 * @param address its link-time virtual address
 * @param bytes   the code bytes (treat as read-only)
 * @param order   the instruction byte order
 */
public record KernelCode(String name, long address, byte[] bytes, ByteOrder order) {
    /** The size in bytes. */
    public int size() {
        return bytes.length;
    }

    /** The 32-bit instruction word at byte offset {@code offset}. */
    public int word(int offset) {
        return (int) new ByteView(bytes, order).u32(offset);
    }

    /** The number of whole 32-bit words. */
    public int words() {
        return bytes.length / 4;
    }

    /** The address of byte {@code offset}. */
    public long addressOf(int offset) {
        return address + offset;
    }

    /** The code at {@code [from, to)} of this run, named {@code name}. */
    public KernelCode slice(String name, int from, int to) {
        return new KernelCode(name, address + from, Arrays.copyOfRange(bytes, from, to), order);
    }

    @Override
    public String toString() {
        return String.format("%s at 0x%x, %d bytes", name, address, bytes.length);
    }
}
