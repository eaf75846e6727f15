package org.kexeclab.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.kexeclab.vmlinux.KernelSymbol;

/**
 * A small ELF vmlinux for tests: one {@code PT_LOAD} holding {@code segment} at a virtual
 * address (physical 16 MiB), stripped or with a {@code .symtab} whose entries follow the
 * given symbols' type letters ('T'/'t' text, 'D'/'d' data, 'B'/'b' BSS, 'A' absolute,
 * 'W' weak text), plus a section symbol, a file symbol and an undefined symbol, which readers
 * must skip.
 */
public final class TinyVmlinux {
    private static final int SEGMENT_OFFSET = 0x1000;
    private static final long PHYS = 0x1000000;

    private TinyVmlinux() {
    }

    /** An ELF executable for {@code machine} with {@code segment} at {@code va}; {@code symtab} null = stripped. */
    public static byte[] elf(int machine, boolean is64, ByteOrder order, long va, byte[] segment,
                             List<KernelSymbol> symtab) {
        int ehsize = is64 ? 64 : 52;
        int phsize = is64 ? 56 : 32;
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        int tailAt = SEGMENT_OFFSET + align(segment.length, 8);
        long[] shoff = {0};
        int shnum = symtab == null ? 0 : 7;
        if (symtab != null) {
            writeSections(tail, tailAt, is64, order, va, segment.length, symtab, shoff);
        }
        ByteBuffer b = ByteBuffer.allocate(tailAt + tail.size()).order(order);
        b.put(0, (byte) 0x7f).put(1, (byte) 'E').put(2, (byte) 'L').put(3, (byte) 'F');
        b.put(4, (byte) (is64 ? 2 : 1)).put(5, (byte) (order == ByteOrder.LITTLE_ENDIAN ? 1 : 2)).put(6, (byte) 1);
        b.putShort(0x10, (short) 2).putShort(0x12, (short) machine).putInt(0x14, 1);
        int w = is64 ? 8 : 4;
        word(b, 0x18, w, va);
        word(b, 0x18 + w, w, ehsize);
        word(b, 0x18 + 2 * w, w, shoff[0]);
        int base = 0x18 + 3 * w + 4;
        b.putShort(base, (short) ehsize).putShort(base + 2, (short) phsize).putShort(base + 4, (short) 1);
        b.putShort(base + 6, (short) (is64 ? 64 : 40)).putShort(base + 8, (short) shnum)
                .putShort(base + 10, (short) (shnum == 0 ? 0 : 6));
        b.putInt(ehsize, 1);
        if (is64) {
            b.putInt(ehsize + 4, 7).putLong(ehsize + 8, SEGMENT_OFFSET).putLong(ehsize + 0x10, va)
                    .putLong(ehsize + 0x18, PHYS).putLong(ehsize + 0x20, segment.length)
                    .putLong(ehsize + 0x28, segment.length).putLong(ehsize + 0x30, 0x1000);
        } else {
            b.putInt(ehsize + 4, SEGMENT_OFFSET).putInt(ehsize + 8, (int) va).putInt(ehsize + 0xc, (int) PHYS)
                    .putInt(ehsize + 0x10, segment.length).putInt(ehsize + 0x14, segment.length).putInt(ehsize + 0x18, 7)
                    .putInt(ehsize + 0x1c, 0x1000);
        }
        b.put(SEGMENT_OFFSET, segment);
        b.put(tailAt, tail.toByteArray());
        return b.array();
    }

    /** .strtab, .symtab, .shstrtab and the section headers, appended at file offset {@code at}. */
    private static void writeSections(ByteArrayOutputStream out, int at, boolean is64, ByteOrder order, long va,
                                      int textSize, List<KernelSymbol> symbols, long[] shoff) {
        ByteArrayOutputStream str = new ByteArrayOutputStream();
        str.write(0);
        int entsize = is64 ? 24 : 16;
        ByteBuffer sym = ByteBuffer.allocate(entsize * (symbols.size() + 4)).order(order);
        int n = 1;
        n = symbol(sym, n, is64, 0, 3, 1, va, 0);                       // section symbol for .text
        n = symbol(sym, n, is64, name(str, "vmlinux.c"), 4, 0xfff1, 0, 0); // file symbol
        n = symbol(sym, n, is64, name(str, "undefined_one"), 0x10, 0, 0, 0);
        for (KernelSymbol s : symbols) {
            int[] f = fields(s.type());
            n = symbol(sym, n, is64, name(str, s.name()), f[0], f[1], s.address(), 0);
        }
        byte[] shstr = "\0.text\0.data\0.bss\0.symtab\0.strtab\0.shstrtab\0".getBytes(StandardCharsets.ISO_8859_1);
        int strAt = at;
        int symAt = align(strAt + str.size(), 8);
        int shstrAt = symAt + sym.capacity();
        int shAt = align(shstrAt + shstr.length, 8);
        int shsize = is64 ? 64 : 40;
        ByteBuffer sh = ByteBuffer.allocate(7 * shsize).order(order);
        section(sh, 1, is64, 1, 1, 6, va, SEGMENT_OFFSET, textSize, 0, 0);
        section(sh, 2, is64, 7, 1, 3, va + textSize, SEGMENT_OFFSET + textSize, 0, 0, 0);
        section(sh, 3, is64, 13, 8, 3, va + textSize, SEGMENT_OFFSET + textSize, 0x100, 0, 0);
        section(sh, 4, is64, 18, 2, 0, 0, symAt, sym.capacity(), 5, entsize);
        section(sh, 5, is64, 26, 3, 0, 0, strAt, str.size(), 0, 0);
        section(sh, 6, is64, 34, 3, 0, 0, shstrAt, shstr.length, 0, 0);
        byte[] all = new byte[shAt + sh.capacity() - at];
        System.arraycopy(str.toByteArray(), 0, all, 0, str.size());
        System.arraycopy(sym.array(), 0, all, symAt - at, sym.capacity());
        System.arraycopy(shstr, 0, all, shstrAt - at, shstr.length);
        System.arraycopy(sh.array(), 0, all, shAt - at, sh.capacity());
        out.writeBytes(all);
        shoff[0] = shAt;
    }

    /** {st_info, st_shndx} for an nm type letter. */
    private static int[] fields(char type) {
        int bind = Character.isUpperCase(type) ? 1 : 0;
        return switch (Character.toUpperCase(type)) {
            case 'T' -> new int[] {bind << 4 | 2, 1};
            case 'D' -> new int[] {bind << 4 | 1, 2};
            case 'B' -> new int[] {bind << 4 | 1, 3};
            case 'A' -> new int[] {bind << 4, 0xfff1};
            case 'W' -> new int[] {2 << 4 | 2, 1};
            default -> throw new IllegalArgumentException("no ELF form for type " + type);
        };
    }

    private static int symbol(ByteBuffer b, int index, boolean is64, int name, int info, int shndx, long value,
                              long size) {
        int p = index * (is64 ? 24 : 16);
        b.putInt(p, name);
        if (is64) {
            b.put(p + 4, (byte) info).putShort(p + 6, (short) shndx).putLong(p + 8, value).putLong(p + 16, size);
        } else {
            b.putInt(p + 4, (int) value).putInt(p + 8, (int) size).put(p + 12, (byte) info).putShort(p + 14,
                    (short) shndx);
        }
        return index + 1;
    }

    private static void section(ByteBuffer b, int index, boolean is64, int name, int type, long flags, long addr,
                                long offset, long size, int link, long entsize) {
        int p = index * (is64 ? 64 : 40);
        b.putInt(p, name).putInt(p + 4, type);
        if (is64) {
            b.putLong(p + 8, flags).putLong(p + 0x10, addr).putLong(p + 0x18, offset).putLong(p + 0x20, size)
                    .putInt(p + 0x28, link).putLong(p + 0x30, 8).putLong(p + 0x38, entsize);
        } else {
            b.putInt(p + 8, (int) flags).putInt(p + 0xc, (int) addr).putInt(p + 0x10, (int) offset)
                    .putInt(p + 0x14, (int) size).putInt(p + 0x18, link).putInt(p + 0x20, 4).putInt(p + 0x24, (int) entsize);
        }
    }

    private static int name(ByteArrayOutputStream str, String s) {
        int at = str.size();
        str.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        str.write(0);
        return at;
    }

    private static void word(ByteBuffer b, int at, int w, long v) {
        if (w == 8) {
            b.putLong(at, v);
        } else {
            b.putInt(at, (int) v);
        }
    }

    private static int align(int x, int a) {
        return (x + a - 1) / a * a;
    }
}
