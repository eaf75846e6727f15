package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.loader.dt.DeviceTrees;
import org.kexeclab.loader.dt.FdtWriter;
import org.kexeclab.loader.log.KexecLog;
import org.kexeclab.loader.log.KexecLogParser;
import org.kexeclab.testkit.RealKernels;

/** {@code run --kernel}, {@code segments --kernel} and {@code run --kexec-log}, end to end through {@link KexecLab#execute}. */
class KernelCommandsTest {
    /** Core's committed {@code kexec -d -l bzImage} sample (Maven runs tests in the module directory). */
    private static final Path LOG = Path.of("../test-kit/src/main/resources/kexec-logs/x86_64-bzimage.log");
    /** Core's real Debian amd64 log: RAM to 25 GiB in its MEMORY RANGES, the kernel at 0x63cc00000. */
    private static final Path REAL_LOG = Path.of("../test-kit/src/main/resources/kexec-logs/x86_64-debian-6.1-real.log");
    private static final String HEADER = "kexec_load: entry = 0x600000000 flags = 0x3e0000\nMEMORY RANGES\n"
            + "0000000000100000-00000000bfffffff (0)\n0000000100000000-000000063fffffff (0)\n";

    @TempDir
    Path dir;

    private String file(String name, byte[] data) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, data);
        return p.toString();
    }

    private String initrd() throws IOException {
        byte[] data = new byte[3 * 4096 + 100];
        Arrays.fill(data, (byte) 0x5a);
        return file("initrd.img", data);
    }

    /** The mem of the segment labelled {@code label} in {@code segments --kernel} output. */
    private static long segmentMem(String listing, String label) {
        Matcher m = Pattern.compile("# " + Pattern.quote(label) + "\\R.*\\R.*\\Rsegment\\[\\d+\\]\\.mem   = 0x([0-9a-f]+)")
                .matcher(listing);
        assertTrue(m.find(), "no segment labelled " + label + " in\n" + listing);
        return Long.parseUnsignedLong(m.group(1), 16);
    }

    private void assertKernelRunVerified(String arch, String kernel, String register, String label, String... extra)
            throws IOException {
        String[] common = {"--arch", arch, "--kernel", kernel, "--initrd", initrd(), "--cmdline", "console=ttyS0 quiet"};
        CliRunner.Result seg = CliRunner.run(concat(concat(new String[] {"segments"}, common), extra));
        assertEquals(0, seg.status(), seg.err());
        long want = segmentMem(seg.out(), label);
        CliRunner.Result r = CliRunner.run(concat(concat(new String[] {"run", "-q"}, common), extra));
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().matches("(?s).*kernel entry 0x[0-9a-f]+ reached with [^\\n]*" + register + "=0x"
                + Long.toHexString(want) + "\\b.*"), r.out());
        assertTrue(r.out().contains("relocation verified, kernel entry reached with the boot registers: VERIFIED"), r.out());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void runKernel_x86_64BzImage_relocatesAndReachesKernelEntryWithRsiAtBootParams() throws IOException {
        assertKernelRunVerified("x86_64", file("bzImage", KernelFiles.bzImage()), "rsi", "boot params + command line");
    }

    /**
     * 1000 GiB of RAM: the machine is sparse, so only the planned segments and the allocator pool
     * are mapped and identity-mapped (a dense machine fails: Unicorn cannot map even 25 GiB here,
     * UC_ERR_NOMEM, and the identity tables of all RAM would not fit their area).
     */
    @Test
    void runKernel_x86_64BzImageIn1000GiB_mapsOnlyWhatTheLoadNeedsAndVerifies() throws IOException {
        assertKernelRunVerified("x86_64", file("bzImage", KernelFiles.bzImage()), "rsi", "boot params + command line",
                "--mem", "1000G");
    }

    @Test
    void runKernel_arm64ImageIn64GiB_reachesKernelEntryWithX0AtTheDtb() throws IOException {
        assertKernelRunVerified("arm64", file("Image", KernelFiles.arm64Image()), "x0", "dtb", "--mem", "64G");
    }

    @Test
    void runKernel_arm64Image_reachesKernelEntryWithX0AtTheDtb() throws IOException {
        assertKernelRunVerified("arm64", file("Image", KernelFiles.arm64Image()), "x0", "dtb", "--mem", "256M");
    }

    @Test
    void runKernel_ppc32Elf_reachesKernelEntryWithR3AtTheDtb() throws IOException {
        assertKernelRunVerified("ppc32", file("vmlinux", KernelFiles.ppc32Elf()), "r3", "dtb");
    }

    @Test
    void runKernel_armZImage_reachesKernelEntryWithR2AtTheDtb() throws IOException {
        assertKernelRunVerified("arm", file("zImage", KernelFiles.zImage()), "r2", "dtb");
    }

    /** A device tree as a user would hand it in: the standard tree of a 128 MiB arm64 machine. */
    private static byte[] userDtb() {
        return FdtWriter.write(DeviceTrees.standard(ArmArches.ARM64, StandardMachine.layout(StandardMachine.DEFAULT_RAM).build()));
    }

    @Test
    void runKernel_arm64WithUserDtb_reachesKernelEntryWithX0AtThePatchedDtb() throws IOException {
        assertKernelRunVerified("arm64", file("Image", KernelFiles.arm64Image()), "x0", "dtb", "--dtb", file("board.dtb", userDtb()));
    }

    @Test
    void runKernel_truncatedDtb_exit2NamingTheDtbFile() throws IOException {
        String dtb = file("board.dtb", Arrays.copyOf(userDtb(), 0x30));
        assertOneSentence(CliRunner.run("run", "--arch", "arm64", "--kernel", file("Image", KernelFiles.arm64Image()),
                "--dtb", dtb), 2, "cannot load '" + dtb + "'", "DTB");
    }

    @Test
    void runKernel_json_reportsRelocationAndKernelEntryVerified() throws IOException {
        CliRunner.Result r = CliRunner.run("run", "-q", "--json", "--arch", "x86_64",
                "--kernel", file("bzImage", KernelFiles.bzImage()), "--cmdline", "root=/dev/sda1");
        assertEquals(0, r.status(), r.err());
        JsonNode n = OutcomeJson.MAPPER.readTree(r.out());
        assertTrue(n.get("verified").asBoolean());
        assertTrue(n.get("relocationVerified").asBoolean());
        assertEquals("bzImage", n.get("kernelFormat").asText());
        JsonNode k = n.get("kernelEntry");
        assertTrue(k.get("reached").asBoolean() && k.get("verified").asBoolean(), k.toString());
        assertEquals(k.get("bootRegisters").get("rsi"), k.get("registers").get("rsi"));
        assertEquals("purgatory", n.get("segments").get(n.get("segments").size() - 1).get("label").asText());
        assertEquals(k.get("purgatory").asText(), n.get("entry").asText());
    }

    @Test
    void segmentsKernel_bzImage_printsKexecDebugShapeThatReplaysToTheSameLayout() throws Exception {
        CliRunner.Result r = CliRunner.run("segments", "--arch", "x86_64", "--kernel", file("bzImage", KernelFiles.bzImage()),
                "--initrd", initrd(), "--cmdline", "quiet");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("kexec_load: entry = 0x"), r.out());
        assertTrue(r.out().contains("nr_segments = 5\n"), r.out());   // setup, kernel, initrd, RNG seed, purgatory
        for (String field : new String[] {"buf  ", "bufsz", "mem  ", "memsz"}) {
            for (int i = 0; i < 5; i++) {
                assertTrue(r.out().contains("segment[" + i + "]." + field + " = 0x"), field + i + " in\n" + r.out());
            }
        }
        KexecLog log = KexecLogParser.parse(r.out());
        assertEquals(5, log.segments().size());
        assertEquals(KexecLogParser.parse(r.out()).archFromFlags().orElseThrow().name(), "x86_64");
        assertEquals(KernelFiles.BZ_PAYLOAD, log.segments().get(1).bufsz(), "the kernel segment holds the payload\n" + r.out());
    }

    @Test
    void runKexecLog_committedBzImageLog_archFromFlagsRelocatedAndVerified() {
        CliRunner.Result r = CliRunner.run("run", "-q", "--kexec-log", LOG.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("replaying a kexec -d log: 5 segments, entry 0x7fffa0a0"), r.out());
        assertTrue(r.out().contains("segment contents are generated"), r.out());
        assertTrue(r.out().contains("kexec on x86_64") && r.out().contains("VERIFIED"), r.out());
    }

    @Test
    void runKexecLog_realDebianLog_mapsOnlyItsWindowsAndVerifies() {
        CliRunner.Result r = CliRunner.run("run", "-q", "--kexec-log", REAL_LOG.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("memory      the log's MEMORY RANGES: RAM [0x1000, 0x9f000) [0x100000, 0xc0000000) "
                + "[0x100000000, 0x640000000)"), r.out());
        assertTrue(r.out().contains(" in 3 windows, nothing else"), r.out());
        assertTrue(r.out().contains("[0x63cc00000, 0x63ff78000)") && r.out().contains("segment 1\n"), r.out());
        assertTrue(r.out().contains("13,201 pages copied") && r.out().contains("VERIFIED"), r.out());
    }

    @Test
    void runKexecLog_realDebianLogJson_mappedBytesFollowTheSegmentsNotTheTopAddress() throws IOException {
        CliRunner.Result r = CliRunner.run("run", "-q", "--json", "--kexec-log", REAL_LOG.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        JsonNode n = OutcomeJson.MAPPER.readTree(r.out());
        assertTrue(n.get("verified").asBoolean());
        long mapped = n.get("mappedBytes").asLong();
        assertTrue(mapped > 100L << 20 && mapped < 128L << 20, "two copies of 51.6 MiB of segments plus the machine "
                + "area, not 25 GiB: " + mapped);
        assertEquals(3, n.get("mappedWindows").size());
        assertEquals("0x0", n.get("mappedWindows").get(0).get("start").asText());
    }

    @Test
    void segmentsKexecLog_realDebianLog_listsSegmentsWindowsAndTheList() {
        CliRunner.Result r = CliRunner.run("segments", "--kexec-log", REAL_LOG.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertEquals("kexec -d log '" + REAL_LOG + "' (flags 0x3e0000), replayed as a default load on x86_64, entry "
                + "0x63fff7760", r.out().lines().findFirst().get());
        assertTrue(r.out().contains("segment[1].mem   = 0x63cc00000\n"), r.out());
        assertTrue(r.out().contains("  mapped      ") && r.out().contains("[0x63ffe8000, 0x640000000)"), r.out());
        assertTrue(r.out().contains("control page 0x"), r.out());
    }

    @Test
    void runKexecLog_overlappingSegments_exit2WithTheKernelsEinval() throws IOException {
        String log = file("overlap.log", (HEADER + "segment[0].buf = 0x1\nsegment[0].bufsz = 0x1000\n"
                + "segment[0].mem = 0x600000000\nsegment[0].memsz = 0x4000\nsegment[1].buf = 0x1\n"
                + "segment[1].bufsz = 0x1000\nsegment[1].mem = 0x600002000\nsegment[1].memsz = 0x1000\n").getBytes());
        CliRunner.Result r = CliRunner.run("run", "--kexec-log", log);
        assertOneSentence(r, 2, "the kernel would refuse this image (EINVAL (22)): segment 1",
                "segment 1 [0x600002000, 0x600003000) overlaps segment 0");
        assertEquals(1, r.err().split("EINVAL", -1).length - 1, "the errno named once: " + r.err());
    }

    @Test
    void runKexecLog_segmentOutsideTheLoggedRam_exit2WithTheKernelsEaddrnotavail() throws IOException {
        String log = file("hole.log", (HEADER + "segment[0].buf = 0x1\nsegment[0].bufsz = 0x1000\n"
                + "segment[0].mem = 0x600000000\nsegment[0].memsz = 0x1000\nsegment[1].buf = 0x1\n"
                + "segment[1].bufsz = 0x1000\nsegment[1].mem = 0xe0000000\nsegment[1].memsz = 0x1000\n").getBytes());
        assertOneSentence(CliRunner.run("run", "--kexec-log", log), 2, "(EADDRNOTAVAIL (99))",
                "segment 1 [0xe0000000, 0xe0001000) is not entirely in RAM");
    }

    /** Two segments at 24 GiB, the entry in the first, with the given flags, on HEADER's memory map. */
    private String smallLog(String name, String flags) throws IOException {
        return file(name, (HEADER.replace("flags = 0x3e0000", "flags = " + flags)
                + "segment[0].buf = 0x1\nsegment[0].bufsz = 0x3000\nsegment[0].mem = 0x600000000\n"
                + "segment[0].memsz = 0x4000\nsegment[1].buf = 0x1\nsegment[1].bufsz = 0x800\n"
                + "segment[1].mem = 0x600010000\nsegment[1].memsz = 0x1000\n").getBytes());
    }

    @Test
    void runKexecLog_archOtherThanTheFlags_exit2NamingBoth() {
        CliRunner.Result r = CliRunner.run("run", "--kexec-log", REAL_LOG.toString(), "--arch", "arm64");
        assertOneSentence(r, 2, "(EINVAL (22))", "the log's flags 0x3e0000 name x86_64 (KEXEC_ARCH_X86_64, 62 << 16)",
                "kexec_load on arm64 takes only arm64", "leave --arch out");
        assertEquals("", r.out());
    }

    @Test
    void runKexecLog_crashFlag_replaysACrashImageWithNothingToCopy() throws IOException {
        CliRunner.Result r = CliRunner.run("run", "-q", "--json", "--kexec-log", smallLog("crash.log", "0x3e0001"));
        assertEquals(0, r.status(), r.out() + r.err());
        JsonNode n = OutcomeJson.MAPPER.readTree(r.out());
        assertTrue(n.get("verified").asBoolean(), r.out());
        assertEquals("crash", n.get("loadType").asText());
        assertEquals(0, n.get("pagesCopied").asLong(), "a crash image's segments are in place already: " + r.out());
        assertTrue(n.get("memory").asText().endsWith("; crash kernel reservation [0x600000000, 0x600100000) around the "
                + "segments (kexec -d does not print crashk_res)"), n.get("memory").asText());
    }

    @Test
    void segmentsKexecLog_crashFlag_headedAsACrashLoadWithTheListDone() throws IOException {
        CliRunner.Result r = CliRunner.run("segments", "--kexec-log", smallLog("crash.log", "0x3e0001"));
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().lines().findFirst().get().endsWith("replayed as a crash load (KEXEC_ON_CRASH) on x86_64, "
                + "entry 0x600000000"), r.out());
        assertTrue(r.out().contains("swap page none"), r.out());
    }

    @Test
    void runKexecLog_preserveContextFlagOnX86_64_swapsAndVerifies() throws IOException {
        CliRunner.Result r = CliRunner.run("run", "-q", "--json", "--kexec-log", smallLog("jump.log", "0x3e0002"));
        assertEquals(0, r.status(), r.out() + r.err());
        JsonNode n = OutcomeJson.MAPPER.readTree(r.out());
        assertTrue(n.get("verified").asBoolean() && n.get("preserveContext").asBoolean(), r.out());
    }

    @Test
    void runKexecLog_preserveContextFlagOnArm64_exit2WithTheKernelsEinval() throws IOException {
        String log = smallLog("jump.log", "0xb70002");
        assertOneSentence(CliRunner.run("run", "--kexec-log", log), 2,
                "the kernel would refuse this image (EINVAL (22)): kexec_load on arm64 refuses KEXEC_PRESERVE_CONTEXT");
    }

    @Test
    void runKexecLog_garbageLineInTheMemoryRanges_exit2NamingTheLine() throws IOException {
        String log = file("garbled.log", HEADER.replace("0000000000100000-00000000bfffffff (0)", "0000000000100000-zz (0)")
                .getBytes());
        assertOneSentence(CliRunner.run("run", "--kexec-log", log), 2, "cannot replay", "kexec log line 3: "
                + "'0000000000100000-zz (0)' in the MEMORY RANGES table is not a range");
    }

    @Test
    void runKexecLog_memOption_replacesTheLoggedMemoryMap() throws IOException {
        String log = file("hole.log", (HEADER + "segment[0].buf = 0x1\nsegment[0].bufsz = 0x1000\n"
                + "segment[0].mem = 0x600000000\nsegment[0].memsz = 0x1000\nsegment[1].buf = 0x1\n"
                + "segment[1].bufsz = 0x1000\nsegment[1].mem = 0xe0000000\nsegment[1].memsz = 0x1000\n").getBytes());
        CliRunner.Result r = CliRunner.run("run", "-q", "--mem", "26G", "--kexec-log", log);
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("memory      --mem: RAM [0x0, 0x680000000)"), r.out());
        assertTrue(r.out().contains("VERIFIED"), r.out());
    }

    @Test
    void runKexecLog_json_saysContentsAreGenerated() throws IOException {
        String log = file("k.log", ("kexec_load: entry = 0x1000000 flags = 0x140000\nnr_segments = 1\n"
                + "segment[0].buf   = 0x5000\nsegment[0].bufsz = 0x1800\nsegment[0].mem   = 0x1000000\n"
                + "segment[0].memsz = 0x2000\n").getBytes());
        CliRunner.Result r = CliRunner.run("run", "-q", "--json", "--kexec-log", log);
        assertEquals(0, r.status(), r.out() + r.err());
        JsonNode n = OutcomeJson.MAPPER.readTree(r.out());
        assertEquals("ppc32", n.get("arch").asText());
        assertEquals("generated", n.get("contents").asText());
        assertTrue(n.get("verified").asBoolean());
    }

    private static void assertOneSentence(CliRunner.Result r, int status, String... words) {
        assertEquals(status, r.status(), r.out() + r.err());
        assertTrue(r.err().startsWith("kexec-lab: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace:\n" + r.err());
        for (String w : words) {
            assertTrue(r.err().contains(w), "'" + w + "' in " + r.err());
        }
    }

    @Test
    void runKernel_truncatedBzImage_exit2WithTheFormatSentence() throws IOException {
        String k = file("short", Arrays.copyOf(KernelFiles.bzImage(), 0x300));
        assertOneSentence(CliRunner.run("run", "--arch", "x86_64", "--kernel", k), 2, "cannot load", k, "bzImage");
    }

    @Test
    void runKernel_truncatedArm64Image_exit2WithTheFormatSentence() throws IOException {
        String k = file("short", Arrays.copyOf(KernelFiles.arm64Image(), 0x20));
        assertOneSentence(CliRunner.run("run", "--arch", "arm64", "--kernel", k), 2, "cannot load", "arm64");
    }

    @Test
    void runKernel_arm64ImageHeaderOnly_exit2BeforeAnyRun() throws IOException {
        String k = file("header-only", Arrays.copyOf(KernelFiles.arm64Image(), 64));
        CliRunner.Result r = CliRunner.run("run", "--arch", "arm64", "--kernel", k);
        assertOneSentence(r, 2, "cannot load", "the file is truncated", "code0 branches", "0x40");
        assertFalse(r.out().contains("VERIFIED"), r.out());
    }

    @ParameterizedTest
    @CsvSource({"5000, 2047", "100000, 2047"})
    void runKernel_arm64CommandLineTooLong_exit2NamingTheLimit(int length, int limit) throws IOException {
        String k = file("Image", KernelFiles.arm64Image());
        CliRunner.Result r = CliRunner.run("run", "--arch", "arm64", "--kernel", k, "--cmdline", "x".repeat(length));
        assertOneSentence(r, 2, "cannot plan the load of", "the " + length + "-byte command line is longer than the "
                + limit + " bytes an arm64 kernel takes");
        assertEquals("", r.out());
    }

    /** A bzImage needing what Debian's amd64 6.1 kernel needs: init_size 0x3f98000, more than half of 128 MiB. */
    private String distributionSizedBzImage() throws IOException {
        byte[] f = KernelFiles.bzImage();
        java.nio.ByteBuffer.wrap(f).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0x260, 0x3f98000);
        return file("bzImage-64M", f);
    }

    @Test
    void runKernel_distributionSizedKernelOnTheDefaultMachine_verified() throws IOException {
        CliRunner.Result r = CliRunner.run("run", "--arch", "x86_64", "--kernel", distributionSizedBzImage(), "--json",
                "-q");
        assertEquals(0, r.status(), r.err());
        JsonNode n = OutcomeJson.MAPPER.readTree(r.out());
        assertTrue(n.get("verified").asBoolean(), r.out());
    }

    @Test
    void segmentsKernel_everyFetchedDistributionKernelOnTheDefaultMachine_loadable() {
        List<Path> kernels = RealKernels.all();
        assumeTrue(!kernels.isEmpty(), "no kernels fetched (scripts/fetch-kernels, or set " + RealKernels.ENV + ")");
        for (Path k : kernels) {
            Arch arch = Arches.byName(k.getParent().getFileName().toString());   // the cache's folders are Debian's names
            CliRunner.Result r = CliRunner.run("segments", "--arch", arch.name(), "--kernel", k.toString());
            assertEquals(0, r.status(), k + ": " + r.err());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "segments"})
    void kernel_tooLargeForMem_exit2SayingWhichMemWouldHoldIt(String command) throws IOException {
        CliRunner.Result r = CliRunner.run(command, "--arch", "x86_64", "--kernel", distributionSizedBzImage(),
                "--mem", "128M");
        assertOneSentence(r, 2, "the kernel would refuse this image (EINVAL (22)): segment 1 [", "needs 16280 pages, more than half of the 32512 pages of RAM; "
                + "--mem 129M or more would hold this load");
        assertEquals("", r.out());
    }

    @Test
    void segmentsKernel_preserveContextOnArm64_exit2AsRunRefusesIt() throws IOException {
        String k = file("Image", KernelFiles.arm64Image());
        assertOneSentence(CliRunner.run("segments", "--arch", "arm64", "--kernel", k, "--preserve-context"), 2,
                "the kernel would refuse this image (EINVAL (22)): kexec_load on arm64 refuses KEXEC_PRESERVE_CONTEXT");
    }

    @Test
    void segmentsKernel_wrongArchitecture_exit2() throws IOException {
        String k = file("vmlinux", KernelFiles.ppc32Elf());
        assertOneSentence(CliRunner.run("segments", "--arch", "x86_64", "--kernel", k), 2, "cannot load", k);
    }

    @Test
    void runKernel_missingFile_exit2NamingTheOption() {
        String k = dir.resolve("no-such-kernel").toString();
        assertOneSentence(CliRunner.run("run", "--arch", "x86_64", "--kernel", k), 2, "--kernel", "no such file");
    }

    @Test
    void runKernel_missingInitrd_exit2NamingTheOption() throws IOException {
        assertOneSentence(CliRunner.run("run", "--arch", "x86_64", "--kernel", file("bzImage", KernelFiles.bzImage()),
                "--initrd", dir.resolve("nope").toString()), 2, "--initrd", "no such file");
    }

    @Test
    void runKernel_withSegmentOrImage_exit2() throws IOException {
        String k = file("bzImage", KernelFiles.bzImage());
        assertOneSentence(CliRunner.run("run", "--arch", "x86_64", "--kernel", k, "--segment", k + "@0x1000000",
                "--entry", "0x1000000"), 2, "--kernel cannot be used with");
        assertOneSentence(CliRunner.run("run", "--arch", "x86_64", "--kernel", k, "--image", "small"), 2,
                "--kernel cannot be used with");
        assertOneSentence(CliRunner.run("segments", "--kernel", k, "--image", "demo"), 2, "--kernel cannot be used with");
    }

    @Test
    void runKernel_withKexecLog_exit2() throws IOException {
        String k = file("bzImage", KernelFiles.bzImage());
        assertOneSentence(CliRunner.run("run", "--arch", "x86_64", "--kernel", k, "--kexec-log", LOG.toString()), 2,
                "--kexec-log and --kernel");
    }

    @Test
    void run_initrdWithoutKernel_exit2() throws IOException {
        assertOneSentence(CliRunner.run("run", "--arch", "x86_64", "--initrd", initrd()), 2, "go with --kernel");
    }

    @Test
    void runKexecLog_malformedLine_exit2NamingTheLine() throws IOException {
        String log = file("bad.log", "kexec_load: entry = 0x1000000 flags = 0x3e0000\nnr_segments = 1\nsegment[0].buf   = 0x10\n"
                .concat("segment[0].bufsz = 0xzz\n").getBytes());
        assertOneSentence(CliRunner.run("run", "--kexec-log", log), 2, "cannot replay", "line 4");
    }

    @Test
    void runKexecLog_noFlagsNoArch_exit2AskingForArch() throws IOException {
        String log = file("noflags.log", ("entry = 0x1000000\nnr_segments = 1\nsegment[0].buf   = 0x5000\n"
                + "segment[0].bufsz = 0x1000\nsegment[0].mem   = 0x1000000\nsegment[0].memsz = 0x1000\n").getBytes());
        assertOneSentence(CliRunner.run("run", "--kexec-log", log), 2, "--arch");
    }

    @Test
    void runKexecLog_missingFile_exit2() {
        assertOneSentence(CliRunner.run("run", "--kexec-log", dir.resolve("none.log").toString()), 2,
                "--kexec-log", "no such file");
    }

    @Test
    void run_noArchNoLog_exit2() {
        assertOneSentence(CliRunner.run("run", "--image", "one-page"), 2, "--arch");
    }

    @Test
    void runKernel_badMem_exit2NamingTheOption() throws IOException {
        assertOneSentence(CliRunner.run("run", "--arch", "x86_64", "--kernel", file("bzImage", KernelFiles.bzImage()),
                "--mem", "lots"), 2, "--mem", "not a number");
        assertOneSentence(CliRunner.run("run", "--arch", "x86_64", "--image", "one-page", "--mem", "256M"), 2,
                "--mem goes with");
    }

    @Test
    void runKernel_memTooSmallForTheKernel_exit2WithThePlanningSentence() throws IOException {
        String k = file("bzImage", KernelFiles.bzImage());
        assertOneSentence(CliRunner.run("run", "--arch", "x86_64", "--kernel", k, "--mem", "2M"), 2,
                "cannot plan the load of", k);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-512M | --mem -512M is negative",
        "4K | --mem 4K is too small: the machine keeps its first MiB for itself, so the least RAM is that and one "
            + "4 KiB page, 0x101000 bytes (1028K)",
        "1M | --mem 1M is too small",
        "0 | --mem 0 is too small",
        "16000001 | --mem 16000001 is not a whole number of 4 KiB pages"})
    void runKernel_unusableMem_exit2SayingWhatIsWrong(String mem, String sentence) throws IOException {
        String k = file("bzImage", KernelFiles.bzImage());
        assertOneSentence(CliRunner.run("run", "--arch", "x86_64", "--kernel", k, "--mem", mem), 2,
                "kexec-lab: " + sentence);
    }

    @Test
    void runKexecLog_negativeMem_exit2SayingSo() {
        assertOneSentence(CliRunner.run("run", "--kexec-log", REAL_LOG.toString(), "--mem", "-1G"), 2,
                "kexec-lab: --mem -1G is negative");
    }

    @Test
    void runKernel_debug_addsTheStackTrace() throws IOException {
        String k = file("short", Arrays.copyOf(KernelFiles.bzImage(), 0x300));
        CliRunner.Result r = CliRunner.run("run", "--debug", "--arch", "x86_64", "--kernel", k);
        assertEquals(2, r.status());
        assertFalse(r.err().strip().lines().count() == 1, r.err());
    }
}
