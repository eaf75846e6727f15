package org.kexeclab.vmlinux;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code .symtab} of an ELF {@code vmlinux} (32- or 64-bit, either byte order) into
 * a {@link SymbolTable}, with {@code nm}'s type letters: 'A' absolute, 'T' code, 'B' BSS,
 * 'D' writable data, 'R' read-only data, lower case for local symbols, 'W' for weak ones.
 * Section and file symbols, undefined symbols and nameless ones are left out, as {@code nm}
 * leaves them out. A stripped vmlinux has no {@code .symtab}: the result is then empty.
 */
public final class ElfSymbolTable {
    private static final int SHT_SYMTAB = 2;
    private static final int SHT_NOBITS = 8;
    private static final long SHF_WRITE = 1;
    private static final long SHF_EXECINSTR = 4;
    private static final int SHN_ABS = 0xfff1;
    private static final int SHN_LORESERVE = 0xff00;

    private final ByteView v;
    private final boolean is64;

    private ElfSymbolTable(byte[] elf) throws VmlinuxException {
        if (elf.length < 0x34 || elf[0] != 0x7f || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F') {
            throw new VmlinuxException("the file is not an ELF vmlinux: the ELF magic is missing");
        }
        is64 = elf[4] == 2;
        v = new ByteView(elf, elf[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The symbols of {@code elf}'s {@code .symtab}, or empty if it has none (a stripped vmlinux).
     *
     * @throws VmlinuxException if a section header or the symbol table reaches past the file
     */
    public static Optional<SymbolTable> read(byte[] elf) throws VmlinuxException {
        return new ElfSymbolTable(elf).symbols();
    }

    private Optional<SymbolTable> symbols() throws VmlinuxException {
        long shoff = word(is64 ? 0x28 : 0x20);
        int shentsize = u16(is64 ? 0x3a : 0x2e);
        int shnum = u16(is64 ? 0x3c : 0x30);
        need(shoff, (long) shentsize * shnum, "the section header table");
        for (int i = 0; i < shnum; i++) {
            long sh = shoff + (long) i * shentsize;
            if (v.u32(sh + 4) == SHT_SYMTAB) {
                long strtab = shoff + v.u32(sh + (is64 ? 0x28 : 0x18)) * shentsize;
                need(strtab, shentsize, "the symbol table's string table header");
                return Optional.of(SymbolTable.of(readSymbols(sh, strtab, shoff, shentsize, shnum)));
            }
        }
        return Optional.empty();
    }

    private List<KernelSymbol> readSymbols(long sh, long strSh, long shoff, int shentsize, int shnum)
            throws VmlinuxException {
        long off = word(sh + (is64 ? 0x18 : 0x10));
        long size = word(sh + (is64 ? 0x20 : 0x14));
        long entsize = word(sh + (is64 ? 0x38 : 0x24));
        long strOff = word(strSh + (is64 ? 0x18 : 0x10));
        long strSize = word(strSh + (is64 ? 0x20 : 0x14));
        need(off, size, ".symtab");
        need(strOff, strSize, ".strtab");
        if (entsize != (is64 ? 24 : 16)) {
            throw new VmlinuxException(String.format(".symtab's entry size is %d, not the %d bytes of an ELF%d "
                    + "symbol", entsize, is64 ? 24 : 16, is64 ? 64 : 32));
        }
        List<KernelSymbol> out = new ArrayList<>((int) (size / entsize));
        for (long p = off; p + entsize <= off + size; p += entsize) {
            long name = v.u32(p);
            int info = v.u8(p + (is64 ? 4 : 12));
            int shndx = v.u16(p + (is64 ? 6 : 14));
            long value = is64 ? v.read(p + 8, 8) : v.u32(p + 4);
            int type = info & 0xf;
            if (name == 0 || shndx == 0 || type == 3 || type == 4 || name >= strSize) {
                continue;
            }
            char letter = letter(info >> 4, shndx, shoff, shentsize, shnum);
            out.add(new KernelSymbol(string(strOff + name, strOff + strSize), letter, value));
        }
        return out;
    }

    private char letter(int bind, int shndx, long shoff, int shentsize, int shnum) {
        char c;
        if (shndx == SHN_ABS) {
            c = 'A';
        } else if (shndx >= SHN_LORESERVE || shndx >= shnum) {
            c = '?';
        } else {
            long sh = shoff + (long) shndx * shentsize;
            long flags = is64 ? v.read(sh + 8, 8) : v.u32(sh + 8);
            c = (flags & SHF_EXECINSTR) != 0 ? 'T' : v.u32(sh + 4) == SHT_NOBITS ? 'B'
                    : (flags & SHF_WRITE) != 0 ? 'D' : 'R';
        }
        if (bind == 2) {
            return 'W';
        }
        return bind == 0 ? Character.toLowerCase(c) : c;
    }

    private String string(long at, long end) {
        int e = (int) at;
        while (e < end && v.u8(e) != 0) {
            e++;
        }
        return new String(v.data(), (int) at, e - (int) at, StandardCharsets.ISO_8859_1);
    }

    private long word(long offset) throws VmlinuxException {
        need(offset, is64 ? 8 : 4, "an ELF header field");
        return is64 ? v.read(offset, 8) : v.u32(offset);
    }

    private int u16(long offset) throws VmlinuxException {
        need(offset, 2, "an ELF header field");
        return v.u16(offset);
    }

    private void need(long offset, long len, String what) throws VmlinuxException {
        if (!v.fits(offset, len)) {
            throw new VmlinuxException(String.format("the ELF file is truncated: %s at 0x%x needs 0x%x bytes but "
                    + "the file is 0x%x bytes long", what, offset, len, v.length()));
        }
    }
}
