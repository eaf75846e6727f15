package org.kexeclab.vmlinux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Name to address, address to enclosing symbol, sizes by the next symbol, unsigned addresses. */
class SymbolTableTest {
    private static final long RK = 0xffffffff81078000L;
    private final SymbolTable t = SymbolTable.of(List.of(
            new KernelSymbol("get_nr_ram_ranges_callback", 't', RK + 0x1f0),
            new KernelSymbol("relocate_kernel", 'T', RK),
            new KernelSymbol("identity_mapped", 't', RK + 0x73),
            new KernelSymbol("fixed_percpu_data", 'A', 0),
            new KernelSymbol("cpu_callback", 't', RK - 0x100),
            new KernelSymbol("cpu_callback", 't', RK - 0x80),
            new KernelSymbol("alias_b", 'T', RK + 0x300),
            new KernelSymbol("alias_a", 'T', RK + 0x300)));

    @Test
    void describe_addressInsideFunction_nameAndHexOffset() {
        assertEquals("relocate_kernel+0x72", t.describe(RK + 0x72));
        assertEquals("identity_mapped", t.describe(RK + 0x73));
        assertEquals("fixed_percpu_data+0x10", t.describe(0x10));
    }

    @Test
    void enclosing_sharedAddress_firstGivenSymbol() {
        assertEquals("alias_b", t.enclosing(RK + 0x301).orElseThrow().symbol().name());
    }

    @Test
    void sizeOf_symbol_distanceToNextHigherAddress() {
        assertEquals(OptionalLong.of(0x73), t.sizeOf(requireUnchecked("relocate_kernel")));
        assertEquals(OptionalLong.of(0x110), t.sizeOf(t.find("get_nr_ram_ranges_callback").orElseThrow()));
        assertTrue(t.sizeOf(t.find("alias_a").orElseThrow()).isEmpty(), "the last address has no size");
    }

    private KernelSymbol requireUnchecked(String name) {
        return t.find(name).orElseThrow();
    }

    @Test
    void nextText_skipsNothingButLowerAddresses() {
        assertEquals("identity_mapped", t.nextText(RK).orElseThrow().name());
    }

    @Test
    void require_nameAtTwoAddresses_refusedWithOneSentence() {
        VmlinuxException e = assertThrows(VmlinuxException.class, () -> t.require("cpu_callback"));
        assertEquals("the kernel has 2 symbols called cpu_callback at different addresses, so the name alone does not "
                + "say which is meant", e.getMessage());
        assertEquals(2, t.named("cpu_callback").size());
        assertThrows(VmlinuxException.class, () -> t.require("no_such_symbol"));
    }
}
