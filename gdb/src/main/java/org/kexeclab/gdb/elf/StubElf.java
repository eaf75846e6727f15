package org.kexeclab.gdb.elf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kexeclab.arch.ArchSupport;
import org.kexeclab.arch.GdbTarget;
import org.kexeclab.asm.Stub;
import org.kexeclab.loader.format.ElfMachine;

/**
 * Assembled stubs as an executable ELF file at the addresses they run from: one loadable,
 * executable section per piece, a symbol table with the stubs' labels (globals as functions),
 * and DWARF line tables ({@link DwarfLines}) that point at the {@code .S} sources written beside
 * the file. GDB, objdump, IDA, Ghidra and Binary Ninja open it as they open a kernel's code; its
 * identity (machine, class, byte order) is the architecture's ({@link ArchSupport#elf()}), its
 * {@code e_flags} and mapping symbols what the architecture's {@link GdbTarget} says.
 */
public final class StubElf {
    private static final int ET_EXEC = 2;
    private static final int SHT_PROGBITS = 1;
    private static final int SHT_SYMTAB = 2;
    private static final int SHT_STRTAB = 3;
    private static final int SHF_ALLOC = 2;
    private static final int SHF_EXECINSTR = 4;
    private static final int PT_LOAD = 1;
    private static final int PF_RX = 5;
    private static final int PAGE = 0x1000;

    private StubElf() {
    }

    /** One section before layout. */
    private record Section(String name, int type, long flags, long address, byte[] data, int link, int info,
                           int align, int entsize) {
    }

    /**
     * Writes {@code elf} and, beside it, each piece's {@code .S} source; the line tables name that
     * directory. Each file is written whole to a temporary name and then renamed, so none is left
     * half-written.
     */
    public static void write(ArchSupport support, List<CodePiece> pieces, Path elf) throws IOException {
        Path dir = elf.toAbsolutePath().getParent();
        for (CodePiece p : pieces) {
            replace(dir.resolve(p.sourceName()), p.sourceText().getBytes(StandardCharsets.UTF_8));
        }
        replace(elf, bytes(support, pieces, dir.toString()));
    }

    /**
     * Writes {@code bytes} to a temporary file beside {@code target} and moves it over: the file
     * appears whole or not at all. A symbolic link stays a link (the file behind it is replaced);
     * anything but a regular file (a device, a FIFO) is refused and left as it is.
     */
    private static void replace(Path given, byte[] bytes) throws IOException {
        Path target = Files.exists(given) ? given.toRealPath() : given.toAbsolutePath();
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            throw new IOException("'" + given + "' is not a regular file, so it is left as it is");
        }
        Path dir = target.getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The ELF file's bytes; the line tables name {@code compDir} as the sources' directory. */
    public static byte[] bytes(ArchSupport support, List<CodePiece> pieces, String compDir) {
        if (pieces.isEmpty()) {
            throw new IllegalArgumentException("an ELF file needs at least one piece of code");
        }
        ElfMachine machine = support.elf();
        GdbTarget gdb = support.gdbTarget().orElse(null);
        ElfOut.Factory f = new ElfOut.Factory(support.arch().byteOrder(), machine.sixtyFourBit() ? 8 : 4);
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("", 0, 0, 0, new byte[0], 0, 0, 0, 0));
        for (CodePiece p : pieces) {
            sections.add(new Section(p.section(), SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, p.stub().origin(),
                    p.stub().bytes(), 0, 0, 4, 0));
        }
        DwarfLines dwarf = new DwarfLines(pieces, compDir, f);
        sections.add(new Section(".debug_abbrev", SHT_PROGBITS, 0, 0, dwarf.abbrev, 0, 0, 1, 0));
        sections.add(new Section(".debug_info", SHT_PROGBITS, 0, 0, dwarf.info, 0, 0, 1, 0));
        sections.add(new Section(".debug_line", SHT_PROGBITS, 0, 0, dwarf.line, 0, 0, 1, 0));
        Symbols symbols = new Symbols(f, gdb == null ? null : gdb.codeMappingSymbol().orElse(null));
        for (int i = 0; i < pieces.size(); i++) {
            symbols.addPiece(pieces.get(i).stub(), 1 + i);
        }
        int symtab = sections.size();
        sections.add(new Section(".symtab", SHT_SYMTAB, 0, 0, symbols.table(), symtab + 1, symbols.firstGlobal(),
                f.wordSize(), f.wordSize() == 8 ? 24 : 16));
        sections.add(new Section(".strtab", SHT_STRTAB, 0, 0, symbols.names(), 0, 0, 1, 0));
        sections.add(new Section(".shstrtab", SHT_STRTAB, 0, 0, new byte[0], 0, 0, 1, 0));
        return layout(f, machine, gdb == null ? 0 : gdb.elfFlags(), pieces, sections);
    }

    private static byte[] layout(ElfOut.Factory f, ElfMachine machine, int flags, List<CodePiece> pieces,
                                 List<Section> sections) {
        boolean wide = f.wordSize() == 8;
        ElfOut names = f.make().u8(0);
        int[] nameAt = new int[sections.size()];
        for (int i = 1; i < sections.size(); i++) {
            nameAt[i] = names.position();
            names.string(sections.get(i).name());
        }
        int last = sections.size() - 1;
        Section shstr = sections.get(last);
        sections.set(last, new Section(shstr.name(), shstr.type(), 0, 0, names.toArray(), 0, 0, 1, 0));
        ElfOut o = f.make();
        int ehsize = wide ? 64 : 52;
        int phentsize = wide ? 56 : 32;
        int shentsize = wide ? 64 : 40;
        header(o, machine, flags, pieces.get(0).stub().origin(), ehsize, phentsize, pieces.size(), shentsize,
                sections.size(), last);
        int phAt = o.position();
        for (int i = 0; i < pieces.size() * phentsize; i++) {
            o.u8(0);
        }
        long[] offsets = new long[sections.size()];
        for (int i = 1; i < sections.size(); i++) {
            Section s = sections.get(i);
            if ((s.flags() & SHF_ALLOC) != 0) {
                while (o.position() % PAGE != s.address() % PAGE) {
                    o.u8(0);
                }
            } else {
                o.alignTo(Math.max(1, s.align()));
            }
            offsets[i] = o.position();
            o.bytes(s.data());
        }
        o.alignTo(8);
        long shoff = o.position();
        for (int i = 0; i < sections.size(); i++) {
            sectionHeader(o, sections.get(i), nameAt[i], offsets[i], wide);
        }
        o.patch(wide ? 0x28 : 0x20, shoff, wide ? 8 : 4);
        ElfOut ph = f.make();
        for (int i = 0; i < pieces.size(); i++) {
            Stub s = pieces.get(i).stub();
            programHeader(ph, offsets[1 + i], s.origin(), s.size(), wide);
        }
        byte[] all = o.toArray();
        System.arraycopy(ph.toArray(), 0, all, phAt, pieces.size() * phentsize);
        return all;
    }

    private static void header(ElfOut o, ElfMachine m, int flags, long entry, int ehsize, int phentsize, int phnum,
                               int shentsize, int shnum, int shstrndx) {
        o.u8(0x7f).u8('E').u8('L').u8('F').u8(m.sixtyFourBit() ? 2 : 1).u8(m.littleEndian() ? 1 : 2).u8(1);
        for (int i = 7; i < 16; i++) {
            o.u8(0);
        }
        o.u16(ET_EXEC).u16(m.machine()).u32(1).word(entry).word(ehsize).word(0).u32(flags)
                .u16(ehsize).u16(phentsize).u16(phnum).u16(shentsize).u16(shnum).u16(shstrndx);
    }

    private static void programHeader(ElfOut o, long offset, long address, long size, boolean wide) {
        if (wide) {
            o.u32(PT_LOAD).u32(PF_RX).u64(offset).u64(address).u64(address).u64(size).u64(size).u64(PAGE);
        } else {
            o.u32(PT_LOAD).u32(offset).u32(address).u32(address).u32(size).u32(size).u32(PF_RX).u32(PAGE);
        }
    }

    private static void sectionHeader(ElfOut o, Section s, int name, long offset, boolean wide) {
        o.u32(s.type() == 0 ? 0 : name).u32(s.type()).word(s.flags()).word(s.address()).word(offset)
                .word(s.data().length).u32(s.link()).u32(s.info()).word(s.align()).word(s.entsize());
    }

    /** The symbol table: locals first (as ELF requires), then globals. */
    private static final class Symbols {
        private final ElfOut.Factory f;
        private final String mapping;
        private final ElfOut names;
        private final List<long[]> locals = new ArrayList<>();
        private final List<long[]> globals = new ArrayList<>();

        Symbols(ElfOut.Factory f, String mapping) {
            this.f = f;
            this.mapping = mapping;
            this.names = f.make().u8(0);
        }

        /** The labels of {@code stub} inside its bytes, in section {@code shndx}. */
        void addPiece(Stub stub, int shndx) {
            if (mapping != null) {
                locals.add(symbol(mapping, stub.origin(), 0, 0, shndx));
            }
            Map<Long, List<String>> byAddress = new TreeMap<>(Long::compareUnsigned);
            stub.symbols().forEach((name, value) -> byAddress.computeIfAbsent(value, k -> new ArrayList<>()).add(name));
            for (Map.Entry<Long, List<String>> e : byAddress.entrySet()) {
                long offset = e.getKey() - stub.origin();
                if (offset < 0 || offset > stub.size()) {
                    continue; // a constant, not a place in the code
                }
                for (String name : e.getValue()) {
                    boolean global = stub.globals().contains(name);
                    boolean code = offset < stub.size();
                    long[] s = symbol(name, e.getKey(), 0, global && code ? 2 : 0, shndx);
                    (global ? globals : locals).add(s);
                }
            }
        }

        private long[] symbol(String name, long value, long size, int type, int shndx) {
            long at = names.position();
            names.string(name);
            return new long[] {at, value, size, type, shndx};
        }

        int firstGlobal() {
            return 1 + locals.size();
        }

        byte[] table() {
            ElfOut o = f.make();
            entry(o, new long[] {0, 0, 0, 0, 0}, 0);
            for (long[] s : locals) {
                entry(o, s, 0);
            }
            for (long[] s : globals) {
                entry(o, s, 1);
            }
            return o.toArray();
        }

        private void entry(ElfOut o, long[] s, int bind) {
            int info = bind << 4 | (int) s[3];
            if (f.wordSize() == 8) {
                o.u32(s[0]).u8(info).u8(0).u16((int) s[4]).u64(s[1]).u64(s[2]);
            } else {
                o.u32(s[0]).u32(s[1]).u32(s[2]).u8(info).u8(0).u16((int) s[4]);
            }
        }

        byte[] names() {
            return names.toArray();
        }
    }
}
