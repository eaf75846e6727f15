package org.kexeclab.loader.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.kexeclab.Arch;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.testkit.SyntheticKernels;
import org.kexeclab.x86.X86Arches;

class ElfParserTest {
    /** The ELF identities the parser is given: every architecture's kernels, as the registry would list them. */
    private static final List<ElfMachine> MACHINES = List.of(
            machine(X86Arches.X86_64, 62, true, true), machine(ArmArches.ARM64, 183, true, true),
            machine(ArmArches.ARM, 40, false, true), machine(PpcArches.PPC32, 20, false, false),
            machine(PpcArches.PPC64, 21, true, false), machine(PpcArches.PPC64LE, 21, true, true));
    private static final int EM_386 = 3;

    private static ElfMachine machine(Arch arch, int em, boolean is64, boolean little) {
        return new ElfMachine(arch, em, is64, little, (alloc, layout, req, kernelEnd, entry) -> Map.of());
    }

    private static ElfKernel parse(byte[] file) throws ImageFormatException {
        return ElfParser.parse(file, MACHINES);
    }

    @ParameterizedTest
    @CsvSource({"true,true,62,x86_64", "true,true,183,arm64", "false,true,40,arm", "false,false,20,ppc32",
            "true,false,21,ppc64", "true,true,21,ppc64le"})
    void parse_eachArch_readsLoadsAndEntry(boolean is64, boolean little, int machine, String arch) throws Exception {
        long vbase = is64 ? 0xc000000000000000L : 0xc0000000L;
        ElfKernel k = parse(SyntheticKernels.elf(is64, little, machine, vbase));
        assertEquals(arch, k.arch().toString());
        assertEquals(vbase + 0x100, k.entry());
        assertEquals(2, k.segments().size(), "the PT_NOTE is skipped");
        ElfKernel.Segment data = k.segments().get(1);
        assertEquals(0x3000, data.offset());
        assertEquals(0x2000, data.paddr());
        assertEquals(0x1000, data.filesz());
        assertEquals(0x3000, data.memsz());
        assertEquals(0x100, k.physicalEntry());
    }

    private static byte[] ppc64() {
        return SyntheticKernels.elf(true, false, 21, 0xc000000000000000L);
    }

    private static ImageFormatException corrupt(Consumer<ByteBuffer> edit) {
        byte[] f = ppc64();
        edit.accept(ByteBuffer.wrap(f).order(ByteOrder.BIG_ENDIAN));
        return assertThrows(ImageFormatException.class, () -> parse(f));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 15, 0x11, 0x20, 0x37, 0x39, 0x40, 0x50, 0x100, 0x1000, 0x2fff})
    void parse_truncated_fails(int length) {
        byte[] f = SyntheticKernels.truncated(ppc64(), length);
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> parse(f));
        assertTrue(e.getMessage().startsWith("ELF: "), e.getMessage());
    }

    @Test
    void parse_badClass_failsAtEiClass() {
        assertEquals(4, corrupt(b -> b.put(4, (byte) 3)).offset());
    }

    @Test
    void parse_badData_failsAtEiData() {
        assertEquals(5, corrupt(b -> b.put(5, (byte) 0)).offset());
    }

    @Test
    void parse_relocatableObject_failsAtEType() {
        assertEquals(0x10, corrupt(b -> b.putShort(0x10, (short) 1)).offset());
    }

    @Test
    void parse_unknownMachine_failsAtEMachine() {
        assertEquals(0x12, corrupt(b -> b.putShort(0x12, (short) 8)).offset());
    }

    @Test
    void parse_i386Kernel_failsAsWrongArch() {
        byte[] f = SyntheticKernels.elf(false, true, EM_386, 0xc0000000L);
        assertEquals(0x12, assertThrows(ImageFormatException.class, () -> parse(f)).offset());
    }

    @Test
    void parse_wrongPhentsize_failsAtPhentsize() {
        assertEquals(0x36, corrupt(b -> b.putShort(0x36, (short) 32)).offset());
    }

    @Test
    void parse_phoffBeyondFile_fails() {
        ImageFormatException e = corrupt(b -> b.putLong(0x20, 0x7fffffffffffL));
        assertTrue(e.getMessage().contains("program header table"), e.getMessage());
    }

    @Test
    void parse_lyingPhnum_failsAsTruncated() {
        assertTrue(corrupt(b -> b.putShort(0x38, (short) 0xffff)).getMessage().contains("truncated"));
    }

    @Test
    void parse_loadOffsetBeyondFile_fails() {
        assertTrue(corrupt(b -> b.putLong(64 + 8, 0x100000)).getMessage().contains("PT_LOAD program header 0"));
    }

    @Test
    void parse_lyingFilesz_fails() {
        assertTrue(corrupt(b -> b.putLong(64 + 0x20, 0x1000000)).getMessage().contains("p_filesz"));
    }

    @Test
    void parse_fileszAboveMemsz_fails() {
        assertTrue(corrupt(b -> b.putLong(64 + 0x28, 0x100)).getMessage().contains("larger than p_memsz"));
    }

    @Test
    void parse_wrappingSegment_fails() {
        assertTrue(corrupt(b -> b.putLong(64 + 0x18, -0x1000L).putLong(64 + 0x28, 0x4000))
                .getMessage().contains("wraps"));
    }

    @Test
    void parse_overlappingLoads_fails() {
        assertTrue(corrupt(b -> b.putLong(64 + 2 * 56 + 0x18, 0x1000)).getMessage().contains("overlaps"));
    }

    @Test
    void parse_entryOutsideEveryLoad_failsAtEEntry() {
        assertEquals(0x18, corrupt(b -> b.putLong(0x18, 0xc000000000100000L)).offset());
    }

    @Test
    void parse_noLoadSegment_fails() {
        assertTrue(corrupt(b -> {
            b.putInt(64, 6);
            b.putInt(64 + 2 * 56, 6);
        }).getMessage().contains("no PT_LOAD"));
    }
}
