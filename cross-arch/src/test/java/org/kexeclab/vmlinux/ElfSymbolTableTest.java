package org.kexeclab.vmlinux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexeclab.testkit.TinyVmlinux;

/** The ELF .symtab reader on {@link TinyVmlinux} files, 64-bit LE and 32-bit BE. */
class ElfSymbolTableTest {
    private static final List<KernelSymbol> SYMBOLS = List.of(
            new KernelSymbol("_text", 'T', 0xc0008000L), new KernelSymbol("local_fn", 't', 0xc0008010L),
            new KernelSymbol("weak_fn", 'W', 0xc0008020L), new KernelSymbol("jiffies", 'D', 0xc0008100L),
            new KernelSymbol("static_buf", 'b', 0xc0008100L), new KernelSymbol("kexec_control_code_size", 'A', 0x1ea));

    @Test
    void read_elf64LittleEndian_nmLettersAndNoSectionFileOrUndefinedSymbols() throws Exception {
        byte[] elf = TinyVmlinux.elf(62, true, ByteOrder.LITTLE_ENDIAN, 0xc0008000L, new byte[0x100], SYMBOLS);
        assertEquals(SYMBOLS.stream().map(KernelSymbol::toString).sorted().toList(),
                ElfSymbolTable.read(elf).orElseThrow().symbols().stream().map(KernelSymbol::toString).sorted().toList());
    }

    @Test
    void read_elf32BigEndian_sameSymbols() throws Exception {
        byte[] elf = TinyVmlinux.elf(20, false, ByteOrder.BIG_ENDIAN, 0xc0008000L, new byte[0x100], SYMBOLS);
        SymbolTable t = ElfSymbolTable.read(elf).orElseThrow();
        assertEquals(SYMBOLS.size(), t.size());
        assertEquals(0x1ea, t.require("kexec_control_code_size").address());
        assertEquals('b', t.require("static_buf").type());
    }

    @Test
    void read_strippedElf_noTable() throws Exception {
        byte[] elf = TinyVmlinux.elf(62, true, ByteOrder.LITTLE_ENDIAN, 0xc0008000L, new byte[0x100], null);
        assertTrue(ElfSymbolTable.read(elf).isEmpty());
    }
}
