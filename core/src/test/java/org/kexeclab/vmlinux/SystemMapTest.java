package org.kexeclab.vmlinux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** System.map lines, /proc/kallsyms' module column, Debian's stub and malformed lines. */
class SystemMapTest {

    @Test
    void parse_mapLines_addressTypeName() throws Exception {
        SymbolTable t = SystemMap.parse("ffffffff81000000 T _text\n\nffffffff81078000 T relocate_kernel\n"
                + "ffffffffc0000000 t mod_fn\t[ext4]\n", "System.map");
        assertEquals(3, t.size());
        assertEquals(0xffffffff81078000L, t.require("relocate_kernel").address());
        assertEquals('t', t.require("mod_fn").type());
    }

    @Test
    void parse_debianStub_refusedPointingAtTheDbgPackage() {
        VmlinuxException e = assertThrows(VmlinuxException.class, () -> SystemMap.parse(
                "ffffffffffffffff B The real System.map is in the linux-image-<version>-dbg package\n", "System.map"));
        assertTrue(e.getMessage().contains("Debian's stub System.map"), e.getMessage());
    }

    @Test
    void parse_lineWithoutType_refusedNamingTheLine() {
        VmlinuxException e = assertThrows(VmlinuxException.class, () -> SystemMap.parse(
                "ffffffff81000000 T _text\nffffffff81000010 relocate_kernel\n", "my.map"));
        assertEquals("my.map line 2 is not 'address type name': ffffffff81000010 relocate_kernel", e.getMessage());
    }
}
