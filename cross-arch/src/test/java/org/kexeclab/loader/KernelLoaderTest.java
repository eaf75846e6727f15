package org.kexeclab.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.kexeclab.Arch;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.image.LoadChecks;
import org.kexeclab.image.Segment;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.loader.dt.Fdt;
import org.kexeclab.loader.dt.FdtNode;
import org.kexeclab.loader.dt.FdtParser;
import org.kexeclab.loader.dt.FdtWriter;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlanningException;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.testkit.PlanInvariants;
import org.kexeclab.testkit.SyntheticKernels;
import org.kexeclab.x86.X86Arches;

class KernelLoaderTest {
    private static final long MIB = 1L << 20;
    private static final byte[] INITRD = initrd(0x5432);
    private static final String CMDLINE = "console=ttyS0 root=/dev/ram0";

    static byte[] initrd(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i ^ 0x5a);
        }
        return b;
    }

    private static LoadPlan plan(Arch arch, byte[] kernel) throws Exception {
        return KernelLoader.plan(arch, LoadRequest.of(kernel).withInitrd(INITRD).withCmdline(CMDLINE));
    }

    private static byte[] bytes(Segment s) {
        byte[] out = new byte[(int) s.bufsz()];
        s.data().read(0, out, 0, out.length);
        return out;
    }

    @Test
    void plan_bzImage_placesTopDownLikeBzImage64() throws Exception {
        LoadPlan plan = plan(X86Arches.X86_64, SyntheticKernels.bzImage());
        PlanInvariants.check(plan);
        Segment setup = plan.segment("boot params + command line").segment();
        Segment kernel = plan.segment("kernel").segment();
        Segment initrd = plan.segment("initrd").segment();
        assertEquals(128 * MIB - 0x9000, setup.mend(), "setup segment right below kexec-tools' purgatory footprint");
        assertEquals(0, kernel.mem() % SyntheticKernels.BZ_ALIGN, "kernel_alignment honoured");
        assertEquals(SyntheticKernels.BZ_INIT_SIZE, kernel.memsz(), "memsz = init_size");
        assertEquals(SyntheticKernels.BZ_PAYLOAD, kernel.bufsz(), "bufsz = protected-mode payload");
        assertEquals((setup.mem() - SyntheticKernels.BZ_INIT_SIZE) & -SyntheticKernels.BZ_ALIGN, kernel.mem(),
                "highest aligned hole below the setup segment");
        assertEquals(setup.mem() - 0x6000, initrd.mem(), "initrd in the highest hole: between kernel and setup");
        assertTrue(initrd.mem() >= kernel.mend());
        assertEquals(kernel.mem() + 0x200, plan.image().entry());
        assertEquals(setup.mem(), plan.bootRegisters().get("rsi"));
        assertArrayEquals(INITRD, bytes(initrd));
    }

    @Test
    void plan_bzImage_zeroPageHasHeaderPointersAndE820() throws Exception {
        LoadPlan plan = plan(X86Arches.X86_64, SyntheticKernels.bzImage());
        Segment setup = plan.segment("boot params + command line").segment();
        ByteBuffer zp = ByteBuffer.wrap(bytes(setup)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] file = SyntheticKernels.bzImage();
        assertArrayEquals(Arrays.copyOfRange(file, 0x1f1, 0x1f2), Arrays.copyOfRange(zp.array(), 0x1f1, 0x1f2));
        assertEquals((short) 0xffff, zp.getShort(0x1f2), "root_flags: kexec-tools' 0xFFFF");
        assertArrayEquals(Arrays.copyOfRange(file, 0x1f4, 0x1fc), Arrays.copyOfRange(zp.array(), 0x1f4, 0x1fc));
        assertEquals((short) 0x0300, zp.getShort(0x1fc), "root_dev: kexec-tools' 0x0300");
        assertEquals(file[0x1fe], zp.get(0x1fe));
        assertEquals(0, zp.get(0x1ff), "byte 0x1ff: kexec-tools' aux_device_info = 0");
        assertArrayEquals(Arrays.copyOfRange(file, 0x200, 0x210), Arrays.copyOfRange(zp.array(), 0x200, 0x210));
        assertArrayEquals(Arrays.copyOfRange(file, 0x212, 0x218), Arrays.copyOfRange(zp.array(), 0x212, 0x218));
        assertEquals(0, zp.get(0x211), "loadflags cleared like kexec-tools' loader_flags = 0");
        assertArrayEquals(Arrays.copyOfRange(file, 0x22c, 0x250), Arrays.copyOfRange(zp.array(), 0x22c, 0x250));
        assertEquals(plan.segment("setup_data (RNG seed)").segment().mem(), zp.getLong(0x250), "setup_data: the RNG seed");
        assertArrayEquals(Arrays.copyOfRange(file, 0x258, 0x26c), Arrays.copyOfRange(zp.array(), 0x258, 0x26c));
        assertEquals((byte) 0xd0, zp.get(0x210));
        assertEquals(setup.mem() + 4096, zp.getInt(0x228) & 0xffffffffL);
        assertEquals(0, zp.getInt(0x0c8));
        Segment initrd = plan.segment("initrd").segment();
        assertEquals(initrd.mem(), zp.getInt(0x218) & 0xffffffffL);
        assertEquals(INITRD.length, zp.getInt(0x21c));
        assertEquals(2, zp.get(0x1e8), "e820: machine area + RAM");
        assertEquals(0, zp.getLong(0x2d0));
        assertEquals(MIB, zp.getLong(0x2d8));
        assertEquals(2, zp.getInt(0x2e0));
        assertEquals(MIB, zp.getLong(0x2e4));
        assertEquals(127 * MIB, zp.getLong(0x2ec));
        assertEquals(1, zp.getInt(0x2f4));
        byte[] cmd = Arrays.copyOfRange(zp.array(), 4096, 4096 + CMDLINE.length() + 1);
        assertEquals(CMDLINE + "\0", new String(cmd, StandardCharsets.US_ASCII));
        assertEquals(4096 + CMDLINE.length() + 1 + 64, setup.bufsz(), "kexec-tools' setup_size");
    }

    @Test
    void plan_bzImageWithout4GFlag_staysBelow4GiB() throws Exception {
        byte[] f = SyntheticKernels.bzImage();
        f[0x236] = 1;
        LoadPlan plan = KernelLoader.plan(X86Arches.X86_64, LoadRequest.of(f).withInitrd(INITRD).withRam(6L << 30));
        PlanInvariants.check(plan);
        assertEquals(4L << 30, plan.segment("boot params + command line").segment().mend());
        LoadPlan high = KernelLoader.plan(X86Arches.X86_64, LoadRequest.of(SyntheticKernels.bzImage()).withRam(6L << 30));
        assertEquals((6L << 30) - 0x9000, high.segment("boot params + command line").segment().mend(),
                "right below kexec-tools' purgatory footprint, which has no upper limit");
    }

    @Test
    void plan_bzImageCmdlineLongerThanCmdlineSize_fails() {
        String longLine = "x".repeat(2047);
        PlanningException e = assertThrows(PlanningException.class, () -> KernelLoader.plan(X86Arches.X86_64,
                LoadRequest.of(SyntheticKernels.bzImage()).withCmdline(longLine)));
        assertTrue(e.getMessage().contains("2047"), e.getMessage());
    }

    @Test
    void plan_bzImageCmdlineFillingCmdlineSize_fits() throws Exception {
        PlanInvariants.check(KernelLoader.plan(X86Arches.X86_64,
                LoadRequest.of(SyntheticKernels.bzImage()).withCmdline("x".repeat(2046))));
    }

    @Test
    void plan_arm64Image_kernelAt2MiBThenInitrdThenDtb() throws Exception {
        LoadPlan plan = plan(ArmArches.ARM64, SyntheticKernels.arm64Image());
        PlanInvariants.check(plan);
        Segment kernel = plan.segment("kernel").segment();
        Segment initrd = plan.segment("initrd").segment();
        Segment dtb = plan.segment("dtb").segment();
        assertEquals(2 * MIB, kernel.mem(), "lowest 2 MiB-aligned base + text_offset 0");
        assertEquals(0x30000, kernel.memsz(), "memsz = image_size");
        assertEquals(kernel.mend(), initrd.mem(), "initrd right after the image");
        assertEquals(initrd.mem() + 0x6000, dtb.mem(), "dtb right after the initrd");
        assertEquals(kernel.mem(), plan.image().entry());
        assertEquals(dtb.mem(), plan.bootRegisters().get("x0"));
        FdtNode chosen = FdtParser.parse(bytes(dtb)).root().child("chosen").orElseThrow();
        assertEquals(initrd.mem(), chosen.number("linux,initrd-start").orElseThrow());
        assertEquals(initrd.mem() + INITRD.length, chosen.number("linux,initrd-end").orElseThrow());
        assertEquals(CMDLINE + "\0", new String(chosen.property("bootargs").orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    void plan_arm64TextOffset_isAddedToThe2MiBBase() throws Exception {
        byte[] img = SyntheticKernels.arm64Image(0x10000, 0x80000, 0x30000, 2);
        LoadPlan plan = KernelLoader.plan(ArmArches.ARM64, LoadRequest.of(img));
        PlanInvariants.check(plan);
        assertEquals(2 * MIB + 0x80000, plan.segment("kernel").segment().mem());
    }

    @Test
    void plan_gzippedArm64Image_loadsTheDecompressedImage() throws Exception {
        byte[] raw = SyntheticKernels.arm64Image();
        LoadPlan plan = KernelLoader.plan(ArmArches.ARM64, LoadRequest.of(SyntheticKernels.gzip(raw)));
        assertArrayEquals(raw, bytes(plan.segment("kernel").segment()));
    }

    @Test
    void plan_userDtb_isPatchedNotReplacedAndKeepsItsMemoryAsKexecTools() throws Exception {
        FdtNode root = new FdtNode("");
        root.setString("compatible", "acme,board");
        root.add(new FdtNode("memory@80000000")).setCells("reg", 2, 0x80000000L, 0x40000000L);
        byte[] user = FdtWriter.write(new Fdt(root, java.util.List.of(), 0));
        LoadPlan plan = KernelLoader.plan(ArmArches.ARM64, LoadRequest.of(SyntheticKernels.arm64Image()).withDtb(user));
        Fdt dtb = FdtParser.parse(bytes(plan.segment("dtb").segment()));
        assertEquals("acme,board\0", new String(dtb.root().property("compatible").orElseThrow(), StandardCharsets.UTF_8));
        assertTrue(dtb.root().child("memory@80000000").isPresent(), "arm64: kexec-tools never rewrites memory nodes");
        assertTrue(dtb.root().child("chosen").isPresent());
    }

    @Test
    void plan_corruptUserDtb_failsAsDtbFormatError() {
        byte[] bad = new byte[64];
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> KernelLoader.plan(ArmArches.ARM64,
                LoadRequest.of(SyntheticKernels.arm64Image()).withDtb(bad)));
        assertEquals("DTB", e.format());
    }

    @Test
    void plan_arm64InitrdBeyond32GiBWindow_failsLikeKexecTools() {
        org.kexeclab.image.MemoryLayout layout = org.kexeclab.image.MemoryLayout.builder()
                .ram(0x200000, 0x400000).ram(33L << 30, 1L << 30).build();
        PlanningException e = assertThrows(PlanningException.class, () -> KernelLoader.plan(ArmArches.ARM64,
                LoadRequest.of(SyntheticKernels.arm64Image()).withInitrd(new byte[0x400000]), layout));
        assertTrue(e.getMessage().contains("32 GiB"), e.getMessage());
    }

    @Test
    void plan_zImage_atTextOffsetWithRoomToDecompress() throws Exception {
        LoadPlan plan = plan(ArmArches.ARM, SyntheticKernels.zImage());
        PlanInvariants.check(plan);
        Segment kernel = plan.segment("kernel").segment();
        assertEquals(MIB + 0x8000, kernel.mem(), "lowest hole + TEXT_OFFSET");
        assertEquals(0x9000, kernel.memsz(), "zImage + 4 bytes, in pages");
        long room = (0x8000 + 0x11000) * 5;
        Segment initrd = plan.segment("initrd").segment();
        assertEquals(kernel.mem() + room, initrd.mem(), "initrd above 5 x (zImage + stack + heap)");
        assertEquals((initrd.mem() + INITRD.length + 0x1000) & -0x1000L, plan.segment("dtb").segment().mem(),
                "kexec-tools: align_down(initrd end + one page)");
        assertEquals(plan.segment("dtb").segment().mem(), plan.bootRegisters().get("r2"));
        assertEquals(0xffffffffL, plan.bootRegisters().get("r1"));
    }

    @Test
    void plan_zImageWithKrnlSizeTag_initrdAboveTheDecompressedKernel() throws Exception {
        LoadPlan plan = plan(ArmArches.ARM, SyntheticKernels.zImageWithSizeTag(0x600000, 0x80000));
        PlanInvariants.check(plan);
        assertEquals(plan.segment("kernel").segment().mem() + 0x680000, plan.segment("initrd").segment().mem(),
                "edata + bss, which exceeds edata + zImage + 0x11000");
    }

    @Test
    void plan_zImageWhoseTagSaysTextOffset_roomCountsFromTheDecompressedKernel() throws Exception {
        LoadPlan plan = plan(ArmArches.ARM, SyntheticKernels.zImageWithSizeTag(0x600000, 0x80000, 0x208000));
        PlanInvariants.check(plan);
        assertEquals(MIB + 0x8000, plan.segment("kernel").segment().mem(), "the zImage stays where kexec-tools puts it");
        assertEquals(0x208000 + 0x680000, plan.segment("initrd").segment().mem(),
                "the decompressor writes the kernel at RAM base (the zImage rounded down to 128 MiB) + TEXT_OFFSET");
    }

    @Test
    void plan_zImageWhoseTagSaysTextOffset_onBoardRamAt1GiB_roomFromThatBase() throws Exception {
        long base = 0x40000000L;
        LoadPlan plan = KernelLoader.plan(ArmArches.ARM, LoadRequest.of(
                SyntheticKernels.zImageWithSizeTag(0x600000, 0x80000, 0x208000)).withInitrd(INITRD),
                StandardMachine.at(base).memory(256L << 20).build());
        assertEquals(base + MIB + 0x8000, plan.segment("kernel").segment().mem());
        assertEquals(base + 0x208000 + 0x680000, plan.segment("initrd").segment().mem());
    }

    @Test
    void plan_zImageWithAppendedDtb_loadsOnlyTheZImageProper() throws Exception {
        LoadPlan plan = KernelLoader.plan(ArmArches.ARM, LoadRequest.of(SyntheticKernels.zImage(0x9000, 0x8000)));
        assertEquals(0x8000, plan.segment("kernel").segment().bufsz());
    }

    @Test
    void plan_ppc64Elf_shiftedAboveTheMachineArea() throws Exception {
        LoadPlan plan = plan(PpcArches.PPC64, SyntheticKernels.elf(true, false, 21, 0xc000000000000000L));
        PlanInvariants.check(plan);
        assertEquals(MIB, plan.segment("kernel").segment().mem());
        assertEquals(MIB + 0x2000, plan.segment("kernel PT_LOAD run 1").segment().mem());
        assertEquals(0x3000, plan.segment("kernel PT_LOAD run 1").segment().memsz());
        assertEquals(MIB + 0x100, plan.image().entry());
        Segment dtb = plan.segment("dtb").segment();
        assertEquals(dtb.mem(), plan.bootRegisters().get("r3"));
        assertEquals(MIB + 0x5000, plan.segment("initrd").segment().mem(), "initrd in the lowest free hole");
        assertEquals(128 * MIB, dtb.mend(), "DTB in the highest hole");
        Fdt tree = FdtParser.parse(bytes(dtb));
        assertEquals(new Fdt.Reservation(dtb.mem(), dtb.bufsz()), tree.reservations().get(tree.reservations().size() - 1),
                "the DTB reserves itself");
    }

    @Test
    void plan_elfLoadsSharingAPage_areMergedIntoOneSegment() throws Exception {
        byte[] f = SyntheticKernels.elf(false, false, 20, 0xc0000000L);
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.BIG_ENDIAN);
        b.putInt(52 + 0x10, 0x1800).putInt(52 + 0x14, 0x1800); // text shrinks to 0x1800 bytes
        b.putInt(52 + 64 + 8, 0xc0001800).putInt(52 + 64 + 0xc, 0x1800); // data starts mid-page at 0x1800
        LoadPlan plan = plan(PpcArches.PPC32, f);
        PlanInvariants.check(plan);
        Segment kernel = plan.segment("kernel").segment();
        assertEquals(MIB, kernel.mem());
        assertEquals(0x5000, kernel.memsz(), "0x1800 + 0x3000 rounded up to pages");
        assertEquals(0x2800, kernel.bufsz());
        byte[] data = bytes(kernel);
        assertArrayEquals(Arrays.copyOfRange(f, 0x1000, 0x2800), Arrays.copyOfRange(data, 0, 0x1800));
        assertArrayEquals(Arrays.copyOfRange(f, 0x3000, 0x4000), Arrays.copyOfRange(data, 0x1800, 0x2800));
    }

    @Test
    void plan_ppc32AndPpc64leElf_satisfyInvariants() throws Exception {
        PlanInvariants.check(plan(PpcArches.PPC32, SyntheticKernels.elf(false, false, 20, 0xc0000000L)));
        PlanInvariants.check(plan(PpcArches.PPC64LE, SyntheticKernels.elf(true, true, 21, 0xc000000000000000L)));
        PlanInvariants.check(plan(ArmArches.ARM64, SyntheticKernels.elf(true, true, 183, 0xffff800000000000L)));
    }

    /** The kernels of each architecture the command-line limit applies to, with their COMMAND_LINE_SIZE. */
    static Stream<Arguments> commandLineLimits() {
        return Stream.of(
                Arguments.of(ArmArches.ARM64, SyntheticKernels.arm64Image(), 2048),
                Arguments.of(ArmArches.ARM64, SyntheticKernels.elf(true, true, 183, 0xffff800000000000L), 2048),
                Arguments.of(ArmArches.ARM, SyntheticKernels.zImage(), 1024),
                Arguments.of(ArmArches.ARM, SyntheticKernels.elf(false, true, 40, 0xc0000000L), 1024),
                Arguments.of(PpcArches.PPC32, SyntheticKernels.elf(false, false, 20, 0xc0000000L), 2048),
                Arguments.of(PpcArches.PPC64, SyntheticKernels.elf(true, false, 21, 0xc000000000000000L), 2048),
                Arguments.of(PpcArches.PPC64LE, SyntheticKernels.elf(true, true, 21, 0xc000000000000000L), 2048));
    }

    @ParameterizedTest
    @MethodSource("commandLineLimits")
    void plan_commandLineFillingCommandLineSize_acceptedUpToItsNul(Arch arch, byte[] kernel, int size) throws Exception {
        LoadPlan plan = KernelLoader.plan(arch, LoadRequest.of(kernel).withCmdline("x".repeat(size - 1)));
        PlanInvariants.check(plan);
    }

    @ParameterizedTest
    @MethodSource("commandLineLimits")
    void plan_commandLineLongerThanCommandLineSize_refusedNamingTheLimit(Arch arch, byte[] kernel, int size) {
        for (int length : new int[] {size, 5000, 100_000}) {
            PlanningException e = assertThrows(PlanningException.class,
                    () -> KernelLoader.plan(arch, LoadRequest.of(kernel).withCmdline("x".repeat(length))));
            assertTrue(e.getMessage().startsWith(String.format("the %d-byte command line is longer than the %d bytes "
                    + "%s kernel takes (COMMAND_LINE_SIZE %d, less the NUL)", length, size - 1, arch.withArticle(), size)),
                    e.getMessage());
        }
    }

    @Test
    void plan_multiByteCommandLine_countedInUtf8Bytes() {
        String cmdline = "\u00e9".repeat(1024);
        PlanningException e = assertThrows(PlanningException.class,
                () -> KernelLoader.plan(ArmArches.ARM64, LoadRequest.of(SyntheticKernels.arm64Image()).withCmdline(cmdline)));
        assertTrue(e.getMessage().startsWith("the 2048-byte command line"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(longs = {0x20000, 0x3f98000, 0x9000000})
    void smallestRam_bzImage_theLeastWholeMibThatPlansAndPassesTheLoadChecks(long initSize) throws Exception {
        byte[] f = SyntheticKernels.bzImage(SyntheticKernels.BZ_SETUP_SECTS, SyntheticKernels.BZ_PAYLOAD, initSize);
        LoadRequest req = LoadRequest.of(f).withInitrd(INITRD).withCmdline(CMDLINE);
        long least = KernelLoader.smallestRam(X86Arches.X86_64, req, null, 1L << 40).orElseThrow();
        assertEquals(0, least % (1 << 20));
        LoadChecks.check(KernelLoader.plan(X86Arches.X86_64, req.withRam(least)).image());
        assertThrows(Exception.class, () -> LoadChecks.check(
                KernelLoader.plan(X86Arches.X86_64, req.withRam(least - (1 << 20))).image()), "one MiB less must not do");
    }

    @Test
    void plan_initrdLargerThanTheFreeRam_namesTheFreeRangesPlainly() {
        PlanningException e = assertThrows(PlanningException.class, () -> KernelLoader.plan(ArmArches.ARM64,
                LoadRequest.of(SyntheticKernels.arm64Image()).withInitrd(new byte[8 << 20]).withRam(8L << 20)));
        assertTrue(e.getMessage().contains("does not fit in the free RAM [0x100000, 0x200000) [0x230000, 0x800000): "),
                e.getMessage());
    }

    @Test
    void smallestRam_moreThanTheLimitNeeded_empty() throws Exception {
        byte[] f = SyntheticKernels.bzImage(SyntheticKernels.BZ_SETUP_SECTS, SyntheticKernels.BZ_PAYLOAD, 0x9000000);
        assertTrue(KernelLoader.smallestRam(X86Arches.X86_64, LoadRequest.of(f), null, 256L << 20).isEmpty());
    }

    @Test
    void plan_x86Elf_failsAskingForTheBzImage() {
        assertThrows(PlanningException.class,
                () -> plan(X86Arches.X86_64, SyntheticKernels.elf(true, true, 62, 0xffffffff81000000L)));
    }

    @Test
    void plan_arm64ElfLinkedAtVirtualAddresses_failsAskingForTheImage() {
        byte[] f = SyntheticKernels.elf(true, true, 183, 0xffff800010000000L);
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(64 + 0x18, 0xffff800010000000L).putLong(64 + 2 * 56 + 0x18, 0xffff800010002000L);
        PlanningException e = assertThrows(PlanningException.class, () -> plan(ArmArches.ARM64, f));
        assertTrue(e.getMessage().contains("Image"), e.getMessage());
    }

    @Test
    void plan_bzImageWithDtb_failsSayingX86TakesNone() {
        assertThrows(PlanningException.class, () -> KernelLoader.plan(X86Arches.X86_64,
                LoadRequest.of(SyntheticKernels.bzImage()).withDtb(new byte[64])));
    }

    @Test
    void plan_initrdLargerThanRam_failsNamingTheInitrd() {
        PlanningException e = assertThrows(PlanningException.class, () -> KernelLoader.plan(ArmArches.ARM64,
                LoadRequest.of(SyntheticKernels.arm64Image()).withInitrd(new byte[130 << 20])));
        assertTrue(e.getMessage().contains("initrd"), e.getMessage());
    }

    @Test
    void plan_arm64ImageSizeLargerThanRam_failsInsteadOfOverflowing() {
        byte[] img = SyntheticKernels.arm64Image(0x1000, 0, 0x7ffffffffffff000L, 0);
        assertThrows(PlanningException.class, () -> KernelLoader.plan(ArmArches.ARM64, LoadRequest.of(img)));
    }

    @ParameterizedTest
    @CsvSource({"-536870912, a RAM size of -536870912 bytes is negative",
        "4096, a RAM size of 4096 bytes is too small: the machine keeps its first MiB for itself, so the least RAM is "
            + "that and one 4 KiB page, 0x101000 bytes (1028K)",
        "1048576, a RAM size of 1048576 bytes is too small",
        "16777217, a RAM size of 16777217 bytes is not a whole number of 4 KiB pages"})
    void plan_unusableRamSize_failsSayingWhatIsWrong(long ram, String sentence) {
        PlanningException e = assertThrows(PlanningException.class,
                () -> KernelLoader.plan(ArmArches.ARM64, LoadRequest.of(SyntheticKernels.arm64Image()).withRam(ram)));
        assertTrue(e.getMessage().startsWith(sentence), e.getMessage());
    }
}
