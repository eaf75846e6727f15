package org.kexeclab.gdb.elf;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable byte buffer that writes ELF and DWARF fields in one byte order and one word size
 * (4 or 8 bytes), with DWARF's LEB128 numbers; positions can be patched afterwards.
 */
final class ElfOut {
    private final ByteOrder order;
    private final int wordSize;
    private byte[] buf = new byte[4096];
    private int size;

    ElfOut(ByteOrder order, int wordSize) {
        this.order = order;
        this.wordSize = wordSize;
    }

    int position() {
        return size;
    }

    int wordSize() {
        return wordSize;
    }

    ElfOut u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    ElfOut u16(int v) {
        return unsigned(v, 2);
    }

    ElfOut u32(long v) {
        return unsigned(v, 4);
    }

    ElfOut u64(long v) {
        return unsigned(v, 8);
    }

    /** A target word: 4 or 8 bytes. */
    ElfOut word(long v) {
        return unsigned(v, wordSize);
    }

    ElfOut bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    /** A NUL-terminated string (ISO-8859-1: the names are ASCII). */
    ElfOut string(String s) {
        return bytes(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).u8(0);
    }

    ElfOut uleb(long v) {
        do {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            u8(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return this;
    }

    ElfOut sleb(long v) {
        while (true) {
            int b = (int) (v & 0x7f);
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            u8(done ? b : b | 0x80);
            if (done) {
                return this;
            }
        }
    }

    /** Zero bytes up to a multiple of {@code alignment}. */
    ElfOut alignTo(int alignment) {
        while (size % alignment != 0) {
            u8(0);
        }
        return this;
    }

    /** Overwrites {@code bytes} bytes at {@code at} with {@code v}. */
    void patch(int at, long v, int bytes) {
        int saved = size;
        size = at;
        unsigned(v, bytes);
        size = saved;
    }

    byte[] toArray() {
        return Arrays.copyOf(buf, size);
    }

    private ElfOut unsigned(long v, int n) {
        ensure(n);
        for (int i = 0; i < n; i++) {
            int shift = 8 * (order == ByteOrder.LITTLE_ENDIAN ? i : n - 1 - i);
            buf[size + i] = (byte) (v >>> shift);
        }
        size += n;
        return this;
    }

    private void ensure(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }

    /** Makes buffers of one byte order and word size. */
    record Factory(ByteOrder order, int wordSize) {
        ElfOut make() {
            return new ElfOut(order, wordSize);
        }
    }
}
