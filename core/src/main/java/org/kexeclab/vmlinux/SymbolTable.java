package org.kexeclab.vmlinux;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A kernel's symbols, from kallsyms, an ELF symbol table or a System.map: name to address,
 * address to the enclosing symbol (for traces: {@code relocate_kernel+0x73}), and a symbol's
 * size as the distance to the next higher address, which is how the kernel sizes kallsyms
 * symbols too. Addresses are compared unsigned.
 */
public final class SymbolTable {
    /**
     * An address as a symbol plus an offset.
     *
     * @param symbol the last symbol at or below the address
     * @param offset the address minus the symbol's
     */
    public record Location(KernelSymbol symbol, long offset) {
        @Override
        public String toString() {
            return offset == 0 ? symbol.name() : String.format("%s+0x%x", symbol.name(), offset);
        }
    }

    private static final Comparator<KernelSymbol> BY_ADDRESS =
            Comparator.comparing(KernelSymbol::address, Long::compareUnsigned);

    private final KernelSymbol[] sorted;
    private final long[] addresses;
    private final Map<String, List<KernelSymbol>> byName = new HashMap<>();

    private SymbolTable(Collection<KernelSymbol> symbols) {
        sorted = symbols.toArray(new KernelSymbol[0]);
        Arrays.sort(sorted, BY_ADDRESS);
        addresses = new long[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            addresses[i] = sorted[i].address();
            byName.computeIfAbsent(sorted[i].name(), k -> new ArrayList<>(1)).add(sorted[i]);
        }
    }

    /** A table of {@code symbols}; symbols at one address keep their given order. */
    public static SymbolTable of(Collection<KernelSymbol> symbols) {
        return new SymbolTable(symbols);
    }

    /** The number of symbols. */
    public int size() {
        return sorted.length;
    }

    /** Every symbol in address order. */
    public List<KernelSymbol> symbols() {
        return List.of(sorted);
    }

    /** Every symbol called {@code name} (static functions may share a name), in address order. */
    public List<KernelSymbol> named(String name) {
        return List.copyOf(byName.getOrDefault(name, List.of()));
    }

    /** The lowest-addressed symbol called {@code name}. */
    public Optional<KernelSymbol> find(String name) {
        List<KernelSymbol> l = byName.get(name);
        return l == null ? Optional.empty() : Optional.of(l.get(0));
    }

    /**
     * The only symbol called {@code name}.
     *
     * @throws VmlinuxException if there is none, or more than one at different addresses
     */
    public KernelSymbol require(String name) throws VmlinuxException {
        List<KernelSymbol> l = byName.get(name);
        if (l == null) {
            throw new VmlinuxException("the kernel's symbols have no " + name);
        }
        if (l.stream().map(KernelSymbol::address).distinct().count() > 1) {
            throw new VmlinuxException(String.format("the kernel has %d symbols called %s at different addresses, "
                    + "so the name alone does not say which is meant", l.size(), name));
        }
        return l.get(0);
    }

    /** The address of the lowest-addressed symbol called {@code name}. */
    public OptionalLong address(String name) {
        return find(name).map(s -> OptionalLong.of(s.address())).orElse(OptionalLong.empty());
    }

    /**
     * The symbol enclosing {@code address}: the last one at or below it (the first of several
     * at the same address, as the kernel's own lookup picks), with the offset into it.
     */
    public Optional<Location> enclosing(long address) {
        int i = lastAtOrBelow(address);
        if (i < 0) {
            return Optional.empty();
        }
        while (i > 0 && addresses[i - 1] == addresses[i]) {
            i--;
        }
        return Optional.of(new Location(sorted[i], address - addresses[i]));
    }

    /** {@code name+0xoff} for {@code address}, or {@code 0x...} if no symbol is at or below it. */
    public String describe(long address) {
        return enclosing(address).map(Location::toString).orElse(String.format("0x%x", address));
    }

    /** The first symbol at an address above {@code address}, if any. */
    public Optional<KernelSymbol> next(long address) {
        int i = lastAtOrBelow(address) + 1;
        return i < sorted.length ? Optional.of(sorted[i]) : Optional.empty();
    }

    /** The first text symbol at an address above {@code address}, if any. */
    public Optional<KernelSymbol> nextText(long address) {
        for (int i = lastAtOrBelow(address) + 1; i < sorted.length; i++) {
            if (sorted[i].isText()) {
                return Optional.of(sorted[i]);
            }
        }
        return Optional.empty();
    }

    /** The distance from {@code symbol} to the next higher symbol address, or empty for the last. */
    public OptionalLong sizeOf(KernelSymbol symbol) {
        return next(symbol.address()).map(n -> OptionalLong.of(n.address() - symbol.address()))
                .orElse(OptionalLong.empty());
    }

    /** The index of the last symbol whose address is at or below {@code address}, or -1. */
    private int lastAtOrBelow(long address) {
        int lo = 0;
        int hi = sorted.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(addresses[mid], address) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    @Override
    public String toString() {
        return "SymbolTable{" + sorted.length + " symbols}";
    }
}
