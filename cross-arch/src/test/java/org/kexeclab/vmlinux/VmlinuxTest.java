package org.kexeclab.vmlinux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.testkit.KallsymsBuilder;
import org.kexeclab.testkit.TinyVmlinux;
import org.kexeclab.x86.X86Arches;

/**
 * A synthetic x86_64 vmlinux whose segment holds code and a kallsyms table: opened stripped
 * (named by kallsyms) and unstripped (named by .symtab, kallsyms agreeing), code read by
 * symbol; and the refusals for another architecture's file and a raw image no rule places.
 */
class VmlinuxTest {
    private static final long TEXT = 0xffffffff81000000L;

    /** Text symbols every 0x40 bytes over 0x1000 bytes of counting code, then _etext. */
    static List<KernelSymbol> symbols() {
        List<KernelSymbol> out = new ArrayList<>(KallsymsReaderTest.symbols(64, TEXT, 11));
        for (int i = 0; i < out.size(); i++) {
            out.set(i, new KernelSymbol(out.get(i).name(), out.get(i).type(), TEXT + 0x40L * i));
        }
        out.set(0, new KernelSymbol("_text", 'T', TEXT));
        out.set(5, new KernelSymbol("relocate_kernel", 'T', TEXT + 0x140));
        out.add(new KernelSymbol("_etext", 'T', TEXT + 0x1000));
        return out;
    }

    /** 0x1000 bytes of code then the kallsyms table of {@link #symbols()}. */
    static byte[] segment(KallsymsBuilder b) {
        byte[] table = b.build(symbols());
        byte[] seg = new byte[0x1000 + table.length];
        for (int i = 0; i < 0x1000; i++) {
            seg[i] = (byte) (i * 5 + 3);
        }
        System.arraycopy(table, 0, seg, 0x1000, table.length);
        return seg;
    }

    @Test
    void open_strippedElf_namedByKallsymsAndCodeReadBySymbol() throws Exception {
        byte[] seg = segment(new KallsymsBuilder(8, ByteOrder.LITTLE_ENDIAN));
        Vmlinux v = Vmlinux.open(TinyVmlinux.elf(62, true, ByteOrder.LITTLE_ENDIAN, TEXT, seg, null), X86Arches.X86_64);
        assertEquals("kallsyms", v.symbolSource());
        assertEquals(symbols().size(), v.symbols().size());
        KernelCode f = v.function("relocate_kernel");
        assertEquals(TEXT + 0x140, f.address());
        assertArrayEquals(Arrays.copyOfRange(seg, 0x140, 0x180), f.bytes());
        assertEquals("relocate_kernel+0x3f", v.symbols().describe(TEXT + 0x17f));
        assertEquals(Integer.toUnsignedLong(f.word(0)), v.memory().u32(TEXT + 0x140));
    }

    @Test
    void open_unstrippedElf_namedBySymtabWithWhichKallsymsAgrees() throws Exception {
        byte[] seg = segment(new KallsymsBuilder(8, ByteOrder.LITTLE_ENDIAN));
        Vmlinux v = Vmlinux.open(TinyVmlinux.elf(62, true, ByteOrder.LITTLE_ENDIAN, TEXT, seg, symbols()), X86Arches.X86_64);
        assertEquals("the ELF .symtab", v.symbolSource());
        RealKernelSymbolsTest.assertAgree(v.kallsyms(), v.symbols());
        SymbolTable map = SystemMap.parse("ffffffff81000140 T from_the_map\n", "System.map");
        assertEquals("from_the_map+0x1", v.withSymbols(map, "System.map").symbols().describe(TEXT + 0x141));
    }

    @Test
    void open_elfOfAnotherArchitecture_refusedWithOneSentence() {
        byte[] elf = TinyVmlinux.elf(62, true, ByteOrder.LITTLE_ENDIAN, TEXT, new byte[16], null);
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> Vmlinux.open(elf, ArmArches.ARM64));
        assertTrue(e.getMessage().contains("this is a kernel for x86_64, not for arm64"), e.getMessage());
    }

    /**
     * A raw arm64 Image reaches its architecture's placement rule, which refuses an image whose
     * header does not branch to the kernel's entry.
     */
    @Test
    void open_rawImageWithoutAnEntryBranch_refusedByItsArchitecturesRule() {
        byte[] seg = segment(new KallsymsBuilder(8, ByteOrder.LITTLE_ENDIAN));
        byte[] image = new byte[0x40 + seg.length];
        image[0x38] = 'A';
        image[0x39] = 'R';
        image[0x3a] = 'M';
        image[0x3b] = 0x64;
        image[0x10] = 0x10;
        image[0x12] = 0x10;
        image[0x18] = 0xa;
        System.arraycopy(seg, 0, image, 0x40, seg.length);
        VmlinuxException e = assertThrows(VmlinuxException.class, () -> Vmlinux.open(image, ArmArches.ARM64));
        assertEquals("neither code0 (0x00000000) nor code1 (0x00000000) of the arm64 Image header is a b to the "
                + "kernel's entry", e.getMessage());
    }

    /** An architecture that supplies no placement rule is refused naming those that do. */
    @Test
    void linkAddress_architectureWithoutARule_refusedNamingTheArchitecturesWithOne() {
        VmlinuxException e = assertThrows(VmlinuxException.class, () -> ArchServices.linkAddress(X86Arches.X86_64));
        assertEquals("no rule for placing a raw image for x86_64 is on the class path (there is one for: arm64, arm, riscv64)",
                e.getMessage());
    }
}
