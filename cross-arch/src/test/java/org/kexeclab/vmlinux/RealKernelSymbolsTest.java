package org.kexeclab.vmlinux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.testkit.RealVmlinuxes;
import org.kexeclab.x86.X86Arches;

/**
 * The kallsyms reader against the distribution kernels (skipped when not fetched). The
 * ppc64el vmlinux is unstripped: its kallsyms and its ELF symbol table must agree symbol by
 * symbol, the "System.map at hand" check. The amd64 bzImage unpacks to a stripped vmlinux
 * whose only symbols are its kallsyms; they must land in its text segment, and if a
 * {@code -dbg} System.map was fetched beside it, agree with it. The raw arm and arm64 images
 * are placed by their architecture's rule and are checked in arch-arm.
 */
class RealKernelSymbolsTest {

    @Test
    void kallsyms_ppc64elVmlinux_everySymbolAtItsSymtabAddress() throws Exception {
        Vmlinux v = RealVmlinuxes.openOrSkip(PpcArches.PPC64LE);
        assertEquals("the ELF .symtab", v.symbolSource());
        long t0 = System.nanoTime();
        Kallsyms k = v.kallsyms();
        System.out.printf("ppc64el kallsyms: %d symbols in %.0f ms (ELF .symtab: %d): %s%n", k.count(),
                (System.nanoTime() - t0) / 1e6, v.symbols().size(), k);
        assertAgree(k, v.symbols());
        assertTrue(k.count() > 10_000, "a distribution kernel has tens of thousands of kallsyms");
    }

    @Test
    void kallsyms_amd64BzImage_namesTheStrippedVmlinuxText() throws Exception {
        Vmlinux v = RealVmlinuxes.openOrSkip(X86Arches.X86_64);
        assertEquals("kallsyms", v.symbolSource());
        Kallsyms k = v.kallsyms();
        assertTrue(k.absolutePercpu(), "x86_64 SMP kernels encode per-CPU symbols as absolute offsets");
        KernelSymbol text = v.symbols().require("_text");
        KernelSymbol etext = v.symbols().require("_etext");
        assertTrue(v.memory().contains(text.address(), etext.address() - text.address()),
                "_text.._etext is mapped by the text PT_LOAD");
        assertEquals(v.memory().regions().stream().filter(r -> r.address() == text.address()).count(), 1L,
                "a PT_LOAD starts at _text");
        for (KernelSymbol s : v.symbols().symbols()) {
            if (s.isText() && Long.compareUnsigned(s.address(), etext.address()) < 0
                    && Long.compareUnsigned(s.address(), text.address()) >= 0) {
                assertTrue(v.memory().contains(s.address(), 1), s + " is not mapped");
            }
        }
        Optional<java.nio.file.Path> map = RealVmlinuxes.systemMap(X86Arches.X86_64);
        if (map.isPresent()) {
            assertAgree(k, SystemMap.read(map.get()));
        }
        System.out.printf("amd64 kallsyms: %d symbols, relocate_kernel at %s%n", k.count(),
                v.symbols().describe(v.symbols().require("relocate_kernel").address()));
    }

    /** Every kallsyms (name, address) pair is in {@code reference}. */
    static void assertAgree(Kallsyms k, SymbolTable reference) {
        Set<String> pairs = new HashSet<>();
        for (KernelSymbol s : reference.symbols()) {
            pairs.add(s.name() + "@" + Long.toHexString(s.address()));
        }
        List<String> missing = new ArrayList<>();
        for (KernelSymbol s : k.symbols()) {
            if (!pairs.contains(s.name() + "@" + Long.toHexString(s.address()))) {
                missing.add(s.toString());
            }
        }
        assertEquals(List.of(), missing.subList(0, Math.min(10, missing.size())),
                missing.size() + " kallsyms symbols are not in the reference table");
    }
}
