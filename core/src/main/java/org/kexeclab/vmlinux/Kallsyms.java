package org.kexeclab.vmlinux;

import java.util.ArrayList;
import java.util.List;

/**
 * A kernel's kallsyms table as read from its image: the names (with their type letters) in
 * table order, which is address order, and the 32-bit {@code kallsyms_offsets}. An address is
 * {@code relative_base + (u32) offset}; with CONFIG_KALLSYMS_ABSOLUTE_PERCPU (64-bit SMP
 * kernels of some architectures, recognised here by negative offsets) a non-negative offset is an absolute per-CPU address
 * and a negative one means {@code relative_base - 1 - offset}.
 *
 * <p>{@code relativeBase} is the word stored in the image. A raw image whose absolute words
 * are filled in only by boot-time relocation (an architecture that
 * links with {@code --no-apply-dynamic-relocs}) stores 0 there; {@link #rebased} gives the table with
 * the real base once the architecture has derived it.
 *
 * @param layout          where the tables lie in the searched bytes
 * @param names           every symbol's name, without the type letter
 * @param types           every symbol's type letter
 * @param offsets         {@code kallsyms_offsets}
 * @param absolutePercpu  true if the offsets use the absolute-per-CPU encoding
 * @param relativeBase    the relative base the addresses are computed from
 */
public record Kallsyms(KallsymsLayout layout, List<String> names, char[] types, int[] offsets,
                       boolean absolutePercpu, long relativeBase) {
    /** Copies the arrays. */
    public Kallsyms {
        names = List.copyOf(names);
        types = types.clone();
        offsets = offsets.clone();
    }

    /** A copy of the type letters. */
    @Override
    public char[] types() {
        return types.clone();
    }

    /** A copy of {@code kallsyms_offsets}. */
    @Override
    public int[] offsets() {
        return offsets.clone();
    }

    /** The number of symbols. */
    public int count() {
        return names.size();
    }

    /** The address of symbol {@code i}. */
    public long address(int i) {
        int off = offsets[i];
        if (!absolutePercpu) {
            return relativeBase + Integer.toUnsignedLong(off);
        }
        return off >= 0 ? off : relativeBase - 1 - off;
    }

    /** True if symbol {@code i} has an absolute address that no change of base moves. */
    public boolean isAbsolute(int i) {
        return absolutePercpu && offsets[i] >= 0;
    }

    /** The symbols, in table order. */
    public List<KernelSymbol> symbols() {
        List<KernelSymbol> out = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            out.add(new KernelSymbol(names.get(i), types[i], address(i)));
        }
        return out;
    }

    /** The table as a {@link SymbolTable}. */
    public SymbolTable table() {
        return SymbolTable.of(symbols());
    }

    /** The same table with {@code base} as the relative base. */
    public Kallsyms rebased(long base) {
        return new Kallsyms(layout, names, types, offsets, absolutePercpu, base);
    }

    @Override
    public String toString() {
        return String.format("Kallsyms{%d symbols, relative_base 0x%x%s, %s}", names.size(), relativeBase,
                absolutePercpu ? ", absolute per-CPU" : "", layout);
    }
}
