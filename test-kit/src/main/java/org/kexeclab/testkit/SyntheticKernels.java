package org.kexeclab.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.GZIPOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** Small, well-formed kernel files of every format, built field by field for the tests. */
public final class SyntheticKernels {
    public static final int BZ_SETUP_SECTS = 3;
    public static final int BZ_PAYLOAD = 0x3000;
    public static final long BZ_INIT_SIZE = 0x20000;
    public static final long BZ_ALIGN = 0x200000;

    private SyntheticKernels() {
    }

    /** A bzImage with protocol 2.15, 3 setup sectors and a 12 KiB payload of a counting pattern. */
    public static byte[] bzImage() {
        return bzImage(BZ_SETUP_SECTS, BZ_PAYLOAD, BZ_INIT_SIZE);
    }

    /** A bzImage with the given setup sectors, payload size and init_size. */
    public static byte[] bzImage(int setupSects, int payload, long initSize) {
        int setup = (setupSects + 1) * 512;
        ByteBuffer b = le(setup + payload);
        b.put(0x1f1, (byte) setupSects);
        b.putInt(0x1f4, payload / 16);
        b.putShort(0x1fe, (short) 0xaa55);
        b.put(0x200, (byte) 0xeb).put(0x201, (byte) 0x6a); // jmp over a header ending at 0x26c
        b.putInt(0x202, 0x53726448);
        b.putShort(0x206, (short) 0x020f);
        b.put(0x211, (byte) 0x01);
        b.putInt(0x214, 0x100000);
        b.putInt(0x22c, 0x7fffffff);
        b.putInt(0x230, (int) BZ_ALIGN);
        b.put(0x234, (byte) 1);
        b.put(0x235, (byte) 21);
        b.putShort(0x236, (short) 0x3);
        b.putInt(0x238, 2047);
        b.putLong(0x258, 0x1000000);
        b.putInt(0x260, (int) initSize);
        for (int i = 0; i < payload; i++) {
            b.put(setup + i, (byte) (i * 7 + 1));
        }
        return b.array();
    }

    /** An arm64 Image of {@code size} bytes with the given header fields. */
    public static byte[] arm64Image(int size, long textOffset, long imageSize, long flags) {
        ByteBuffer b = le(size);
        b.putInt(0, 0x14000010); // b +0x40
        b.putLong(0x08, textOffset);
        b.putLong(0x10, imageSize);
        b.putLong(0x18, flags);
        b.put(0x38, (byte) 'A').put(0x39, (byte) 'R').put(0x3a, (byte) 'M').put(0x3b, (byte) 0x64);
        for (int i = 0x40; i < size; i++) {
            b.put(i, (byte) i);
        }
        return b.array();
    }

    /**
     * A 64 KiB EFI arm64 Image as distributions ship it: "MZ" in code0, the branch to the
     * kernel's first instruction (0x1000) in code1, a PE header at 0x40 (res5) and two sections
     * whose raw data is [0x1000, 0x8000) and [0x8000, 0x10000).
     */
    public static byte[] efiArm64Image() {
        byte[] f = arm64Image();
        ByteBuffer b = le(f);
        b.putInt(0, 0xfa405a4d);                     // "MZ@\xfa": ccmp, harmless as an instruction
        b.putInt(4, 0x14000000 | (0x1000 - 4) / 4);  // b 0x1000
        b.putInt(0x3c, 0x40);
        b.putInt(0x40, 0x00004550);                  // "PE\0\0"
        b.putShort(0x46, (short) 2);                 // NumberOfSections
        b.putShort(0x54, (short) 0xf0);              // SizeOfOptionalHeader
        int table = 0x40 + 24 + 0xf0;
        b.putInt(table + 16, 0x7000).putInt(table + 20, 0x1000);
        b.putInt(table + 40 + 16, 0x8000).putInt(table + 40 + 20, 0x8000);
        return f;
    }

    /** A 64 KiB arm64 Image: text_offset 0, image_size 0x30000, 4 KiB pages, LE. */
    public static byte[] arm64Image() {
        return arm64Image(0x10000, 0, 0x30000, 0x2 | 0x8);
    }

    /** A zImage of {@code size} bytes with start 0 and end {@code end}. */
    public static byte[] zImage(int size, long end) {
        ByteBuffer b = le(size);
        b.putInt(0x24, 0x016f2818);
        b.putInt(0x28, 0);
        b.putInt(0x2c, (int) end);
        b.putInt(0x30, 0x04030201);
        return b.array();
    }

    /**
     * A 32 KiB zImage with a KRNL_SIZE tag at 0x40 whose size_ptr (0x7ffc) holds
     * {@code edata} and whose bss_size is {@code bss}.
     */
    public static byte[] zImageWithSizeTag(long edata, long bss) {
        byte[] f = zImage();
        ByteBuffer b = le(f);
        b.putInt(0x34, 0x45454545).putInt(0x38, 0x40);
        b.putInt(0x40, 4).putInt(0x44, 0x5a534c4b).putInt(0x48, 0x7ffc).putInt(0x4c, (int) bss);
        b.putInt(0x7ffc, (int) edata);
        return f;
    }

    /**
     * A 32 KiB zImage with a six-word KRNL_SIZE tag at 0x40 (size_ptr 0x7ffc holding
     * {@code edata}, bss_size {@code bss}, TEXT_OFFSET {@code textOffset}, malloc size 64 KiB).
     */
    public static byte[] zImageWithSizeTag(long edata, long bss, long textOffset) {
        byte[] f = zImageWithSizeTag(edata, bss);
        le(f).putInt(0x40, 6).putInt(0x50, (int) textOffset).putInt(0x54, 0x10000);
        return f;
    }

    /** A well-formed 32 KiB zImage. */
    public static byte[] zImage() {
        return zImage(0x8000, 0x8000);
    }

    /**
     * An ELF executable with two PT_LOAD segments and one PT_NOTE: text (0x2000 bytes at
     * vaddr {@code vbase}, paddr 0) and data+bss (0x1000 in file, 0x3000 in memory).
     */
    public static byte[] elf(boolean is64, boolean little, int machine, long vbase) {
        int ehsize = is64 ? 64 : 52;
        int phsize = is64 ? 56 : 32;
        int phoff = ehsize;
        int dataOff = 0x1000;
        ByteBuffer b = ByteBuffer.allocate(dataOff + 0x3000).order(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        b.put(0, (byte) 0x7f).put(1, (byte) 'E').put(2, (byte) 'L').put(3, (byte) 'F');
        b.put(4, (byte) (is64 ? 2 : 1)).put(5, (byte) (little ? 1 : 2)).put(6, (byte) 1);
        b.putShort(0x10, (short) 2).putShort(0x12, (short) machine).putInt(0x14, 1);
        int w = is64 ? 8 : 4;
        putWord(b, 0x18, w, vbase + 0x100);
        putWord(b, 0x18 + w, w, phoff);
        int base = 0x18 + 3 * w + 4;
        b.putShort(base, (short) ehsize).putShort(base + 2, (short) phsize).putShort(base + 4, (short) 3);
        phdr(b, is64, phoff, 1, dataOff, vbase, 0, 0x2000, 0x2000);
        phdr(b, is64, phoff + phsize, 4, 0x200, 0, 0, 0x10, 0x10);
        phdr(b, is64, phoff + 2 * phsize, 1, dataOff + 0x2000, vbase + 0x2000, 0x2000, 0x1000, 0x3000);
        for (int i = dataOff; i < b.capacity(); i++) {
            b.put(i, (byte) (i * 3));
        }
        return b.array();
    }

    public static void phdr(ByteBuffer b, boolean is64, int at, int type, long off, long vaddr, long paddr, long filesz, long memsz) {
        b.putInt(at, type);
        if (is64) {
            b.putInt(at + 4, 7).putLong(at + 8, off).putLong(at + 0x10, vaddr).putLong(at + 0x18, paddr)
                    .putLong(at + 0x20, filesz).putLong(at + 0x28, memsz).putLong(at + 0x30, 0x10000);
        } else {
            b.putInt(at + 4, (int) off).putInt(at + 8, (int) vaddr).putInt(at + 0xc, (int) paddr)
                    .putInt(at + 0x10, (int) filesz).putInt(at + 0x14, (int) memsz).putInt(at + 0x18, 7)
                    .putInt(at + 0x1c, 0x10000);
        }
    }

    public static void putWord(ByteBuffer b, int at, int w, long v) {
        if (w == 8) {
            b.putLong(at, v);
        } else {
            b.putInt(at, (int) v);
        }
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    public static ByteBuffer le(byte[] data) {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    public static byte[] truncated(byte[] data, int length) {
        return java.util.Arrays.copyOf(data, length);
    }

    /** {@code data} as one xz stream (the compression of Debian's bzImage payloads and zImages). */
    public static byte[] xz(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XZOutputStream z = new XZOutputStream(out, new LZMA2Options())) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
