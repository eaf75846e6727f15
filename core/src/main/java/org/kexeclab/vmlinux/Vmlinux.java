package org.kexeclab.vmlinux;

import java.util.List;
import java.util.Optional;
import org.kexeclab.Arch;
import org.kexeclab.loader.KernelFormats;
import org.kexeclab.loader.format.ElfKernel;
import org.kexeclab.loader.format.Gzip;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.format.KernelImage;
import org.kexeclab.loader.format.UnpackedKernel;

/**
 * A distribution kernel file opened down to its code: the decompressed kernel as
 * {@link KernelMemory} (virtual address to bytes) and its {@link SymbolTable}, with no
 * {@code -dbg} package. An ELF vmlinux is mapped by its {@code PT_LOAD} headers and named by
 * its {@code .symtab}, or by its kallsyms when stripped; a raw image is named by its kallsyms
 * and placed by the architecture's {@link ImageLinkAddress}. A user's System.map can replace
 * the symbols ({@link #withSymbols}).
 */
public final class Vmlinux {
    private final Arch arch;
    private final UnpackedKernel unpacked;
    private final KernelMemory memory;
    private final SymbolTable symbols;
    private final String symbolSource;
    private Kallsyms kallsyms;

    private Vmlinux(Arch arch, UnpackedKernel unpacked, KernelMemory memory, SymbolTable symbols,
                    String symbolSource, Kallsyms kallsyms) {
        this.arch = arch;
        this.unpacked = unpacked;
        this.memory = memory;
        this.symbols = symbols;
        this.symbolSource = symbolSource;
        this.kallsyms = kallsyms;
    }

    /** Opens {@code file} as a kernel for {@code arch}, decompressing at most 256 MiB. */
    public static Vmlinux open(byte[] file, Arch arch) throws ImageFormatException, VmlinuxException {
        return open(file, arch, Gzip.DEFAULT_MAX_SIZE);
    }

    /**
     * Opens {@code file} as a kernel for {@code arch}.
     *
     * @param maxSize the cap on any decompressed size
     * @throws ImageFormatException if the file is not a kernel for {@code arch} or does not decompress
     * @throws VmlinuxException     if its symbols cannot be found or its image cannot be placed
     */
    public static Vmlinux open(byte[] file, Arch arch, long maxSize) throws ImageFormatException, VmlinuxException {
        KernelImage image = KernelFormats.parse(file, arch, maxSize);
        UnpackedKernel u = image.unpack(maxSize);
        return u.elf() ? fromElf(u, arch) : fromRaw(u, arch);
    }

    private static Vmlinux fromElf(UnpackedKernel u, Arch arch) throws ImageFormatException, VmlinuxException {
        ElfKernel elf = KernelFormats.parseElf(u.bytes());
        if (!elf.arch().equals(arch)) {
            throw new VmlinuxException(String.format("%s is a vmlinux for %s, not for %s", u.origin(), elf.arch(), arch));
        }
        List<KernelMemory.Region> regions = elf.segments().stream()
                .map(s -> new KernelMemory.Region(s.vaddr(), u.bytes(), (int) s.offset(), (int) s.filesz())).toList();
        KernelMemory memory = new KernelMemory(regions, arch.wordSize(), arch.byteOrder());
        Optional<SymbolTable> symtab = ElfSymbolTable.read(u.bytes());
        if (symtab.isPresent() && symtab.get().size() > 0) {
            return new Vmlinux(arch, u, memory, symtab.get(), "the ELF .symtab", null);
        }
        Kallsyms k = KallsymsReader.read(u.bytes(), arch.wordSize(), arch.byteOrder());
        if (k.relativeBase() == 0) {
            throw new VmlinuxException("the stripped vmlinux stores kallsyms_relative_base as 0 (filled in by boot-time "
                    + "relocation), so its kallsyms addresses are not known");
        }
        return new Vmlinux(arch, u, memory, k.table(), "kallsyms", k);
    }

    private static Vmlinux fromRaw(UnpackedKernel u, Arch arch) throws VmlinuxException {
        Kallsyms stored = KallsymsReader.read(u.bytes(), arch.wordSize(), arch.byteOrder());
        ImageLinkAddress.Link link = ArchServices.linkAddress(arch).link(u.bytes(), stored);
        Kallsyms k = stored.rebased(link.relativeBase());
        KernelMemory memory = new KernelMemory(List.of(new KernelMemory.Region(link.imageAddress(), u.bytes(), 0,
                u.bytes().length)), arch.wordSize(), arch.byteOrder());
        SymbolTable table = k.table();
        for (KernelSymbol s : List.of(firstText(table), lastText(table))) {
            if (!memory.contains(s.address(), 1)) {
                throw new VmlinuxException(String.format("placing %s at 0x%x puts its text symbol %s (0x%x) outside "
                        + "the 0x%x-byte image", u.origin(), link.imageAddress(), s.name(), s.address(),
                        u.bytes().length));
            }
        }
        return new Vmlinux(arch, u, memory, table, "kallsyms", k);
    }

    private static KernelSymbol firstText(SymbolTable t) throws VmlinuxException {
        return t.symbols().stream().filter(KernelSymbol::isText).findFirst()
                .orElseThrow(() -> new VmlinuxException("the kallsyms table holds no text symbol"));
    }

    private static KernelSymbol lastText(SymbolTable t) throws VmlinuxException {
        List<KernelSymbol> l = t.symbols();
        for (int i = l.size() - 1; i >= 0; i--) {
            if (l.get(i).isText()) {
                return l.get(i);
            }
        }
        throw new VmlinuxException("the kallsyms table holds no text symbol");
    }

    /** The same kernel named by {@code table} (a user's System.map), {@code source} naming it. */
    public Vmlinux withSymbols(SymbolTable table, String source) {
        return new Vmlinux(arch, unpacked, memory, table, source, kallsyms);
    }

    /** The architecture. */
    public Arch arch() {
        return arch;
    }

    /** The decompressed file: an ELF vmlinux or a raw image. */
    public UnpackedKernel unpacked() {
        return unpacked;
    }

    /** Virtual address to bytes. */
    public KernelMemory memory() {
        return memory;
    }

    /** The symbols in use. */
    public SymbolTable symbols() {
        return symbols;
    }

    /** Where {@link #symbols()} came from ("kallsyms", "the ELF .symtab", a System.map's name). */
    public String symbolSource() {
        return symbolSource;
    }

    /**
     * The kernel's embedded kallsyms table, read on first use when the symbols came from
     * elsewhere. Addresses are the stored ones for an ELF vmlinux, the placed ones for a raw image.
     */
    public synchronized Kallsyms kallsyms() throws VmlinuxException {
        if (kallsyms == null) {
            kallsyms = KallsymsReader.read(unpacked.bytes(), arch.wordSize(), arch.byteOrder());
        }
        return kallsyms;
    }

    /** The {@code size} code bytes at {@code address}, named {@code name}. */
    public KernelCode code(String name, long address, int size) throws VmlinuxException {
        return new KernelCode(name, address, memory.read(address, size), arch.byteOrder());
    }

    /**
     * The code of the function {@code name}, bounded by the next symbol at a higher address.
     *
     * @throws VmlinuxException if the symbol is missing, ambiguous or the last one
     */
    public KernelCode function(String name) throws VmlinuxException {
        KernelSymbol s = symbols.require(name);
        long size = symbols.sizeOf(s).orElseThrow(() -> new VmlinuxException(name + " is the last symbol, so "
                + "nothing bounds its size"));
        if (size > 1 << 20) {
            throw new VmlinuxException(String.format("%s would be 0x%x bytes up to the next symbol, which is not one "
                    + "function", name, size));
        }
        return code(name, s.address(), (int) size);
    }

    @Override
    public String toString() {
        return String.format("Vmlinux{%s, %s, %d symbols from %s, %s}", arch, unpacked, symbols.size(), symbolSource,
                memory);
    }
}
