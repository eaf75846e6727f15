package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexeclab.arch.Arches;
import org.kexeclab.testkit.RealKernels;
import org.kexeclab.testkit.SyntheticKernels;

/**
 * A kernel file through {@code run} and {@code segments} as {@code kexec -p} loads it
 * ({@code --crash --kernel}, {@code --crashkernel}), on a {@code --memory-map}, as JSON, and with
 * the architecture read from the file when {@code --arch} is absent.
 */
class CrashKernelCommandsTest {
    @TempDir
    Path dir;

    private String file(String name, byte[] data) throws IOException {
        return Files.write(dir.resolve(name), data).toString();
    }

    private static void assertOneSentence(CliRunner.Result r, int status, String words) {
        assertEquals(status, r.status(), r.out() + r.err());
        assertTrue(r.err().contains(words), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    private static JsonNode json(CliRunner.Result r) throws IOException {
        assertEquals(0, r.status(), r.out() + r.err());
        return OutcomeJson.MAPPER.readTree(r.out());
    }

    private static long hex(JsonNode n) {
        return Long.parseUnsignedLong(n.asText().substring(2), 16);
    }

    @Test
    void segmentsJson_crashKernelAtOffset_everySegmentInsideTheReservationAndFlagsSayOnCrash() throws IOException {
        JsonNode plan = json(CliRunner.run("segments", "--arch", "x86_64", "--kernel", file("bzImage",
                KernelFiles.bzImage()), "--crash", "--crashkernel", "128M@0x20000000", "--json"));
        assertEquals("CRASH", plan.get("type").asText());
        assertEquals(0x3e0001L, hex(plan.get("flags")));
        assertEquals(plan.get("segments").size(), plan.get("nr_segments").asInt());
        boolean elfcorehdr = false;
        for (JsonNode s : plan.get("segments")) {
            long mem = hex(s.get("mem"));
            assertTrue(mem >= 0x20000000L && mem + hex(s.get("memsz")) <= 0x28000000L, s.toString());
            elfcorehdr |= s.get("label").asText().contains("ELF core header");
        }
        assertTrue(elfcorehdr, plan.toString());
    }

    @Test
    void runCrashKernel_x86_64BzImage_relocationSkippedAndKernelEntryReachedInTheReservation() throws IOException {
        CliRunner.Result r = CliRunner.run("run", "-q", "--arch", "x86_64", "--kernel", file("bzImage",
                KernelFiles.bzImage()), "--crash", "--cmdline", "console=ttyS0");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("kernel entry reached with the boot registers: VERIFIED"), r.out());
    }

    @Test
    void segments_noArch_architectureReadFromTheKernelFile() throws IOException {
        CliRunner.Result r = CliRunner.run("segments", "--kernel", file("Image", KernelFiles.arm64Image()));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("flags = 0xb70000"), r.out());
    }

    @Test
    void segments_archDisagreesWithTheKernel_refusedNamingTheKernelsArchitecture() throws IOException {
        assertOneSentence(CliRunner.run("segments", "--arch", "arm64", "--kernel", file("bzImage", KernelFiles.bzImage())),
                KexecLab.EXIT_USAGE, "this is a kernel for x86_64");
    }

    @Test
    void crashkernel_withoutCrash_refusedInOneSentence() throws IOException {
        assertOneSentence(CliRunner.run("segments", "--kernel", file("bzImage", KernelFiles.bzImage()),
                "--crashkernel", "128M"), KexecLab.EXIT_USAGE, "--crashkernel goes with --crash");
    }

    @Test
    void crashKernel_offsetOverTheRunningKernel_refusedAsTheKernelRefusesIt() throws IOException {
        assertOneSentence(CliRunner.run("segments", "--kernel", file("bzImage", KernelFiles.bzImage()), "--crash",
                "--crashkernel", "64M@0x1000000"), KexecLab.EXIT_USAGE, "overlaps the running kernel");
    }

    @Test
    void crashKernel_architectureWithoutCrashRules_refusedInOneSentence() throws IOException {
        assumeTrue(Arches.all().stream().anyMatch(a -> a.name().equals("ppc32")));
        assertOneSentence(CliRunner.run("segments", "--arch", "ppc32", "--kernel", file("vmlinux", KernelFiles.ppc32Elf()),
                "--crash"), KexecLab.EXIT_USAGE, "crash loads of a kernel file are not modelled for ppc32");
    }

    @Test
    void segments_memoryMap_segmentsInItsSystemRamAndTheCrashReservationItNames() throws IOException {
        String map = "00000000-00000fff : Reserved\n00001000-0009ffff : System RAM\n00100000-3fffffff : System RAM\n"
                + "  01000000-01ffffff : Kernel code\n  18000000-1fffffff : Crash kernel\n"
                + "40000000-bfffffff : PCI Bus 0000:00\n100000000-13fffffff : System RAM\n";
        String mapFile = file("iomem", map.getBytes(StandardCharsets.US_ASCII));
        JsonNode plan = json(CliRunner.run("segments", "--kernel", file("bzImage", KernelFiles.bzImage()),
                "--memory-map", mapFile, "--crash", "--json"));
        for (JsonNode s : plan.get("segments")) {
            long mem = hex(s.get("mem"));
            assertTrue(mem >= 0x18000000L && mem + hex(s.get("memsz")) <= 0x20000000L, s.toString());
        }
        JsonNode all = json(CliRunner.run("segments", "--kernel", file("bzImage", KernelFiles.bzImage()),
                "--memory-map", mapFile, "--json"));
        for (JsonNode s : all.get("segments")) {
            long mem = hex(s.get("mem"));
            assertFalse(mem >= 0x40000000L && mem < 0x100000000L, "a segment in the PCI hole: " + s);
        }
    }

    @Test
    void runCrashKernel_debianAmd64_reachesTheKernelEntry() throws IOException {
        Optional<Path> k = RealKernels.forArch(Arches.all().stream().filter(a -> a.name().equals("x86_64")).findFirst()
                .orElseThrow());
        assumeTrue(k.isPresent(), "no amd64 kernel fetched (scripts/fetch-kernels)");
        CliRunner.Result r = CliRunner.run("run", "-q", "--kernel", k.get().toString(), "--crash", "--crashkernel",
                "256M");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("kernel entry reached with the boot registers: VERIFIED"), r.out());
    }

    @Test
    void segmentsJson_ppc64leVmlinuxDefaultPlacement_everySegmentInThe128MiBReservationWithBackupAndHeader()
            throws IOException {
        byte[] vmlinux = SyntheticKernels.elf(true, true, 21, 0xc000000000000000L);
        JsonNode plan = json(CliRunner.run("segments", "--kernel", file("vmlinux", vmlinux), "--crash",
                "--crashkernel", "256M", "--json"));
        assertEquals("CRASH", plan.get("type").asText());
        assertEquals(0x8000000L, hex(plan.get("segments").get(0).get("mem")), "the kernel at the default 128 MiB base");
        boolean backup = false;
        boolean elfcorehdr = false;
        for (JsonNode s : plan.get("segments")) {
            long mem = hex(s.get("mem"));
            assertTrue(mem >= 0x8000000L && mem + hex(s.get("memsz")) <= 0x18000000L, s.toString());
            backup |= s.get("label").asText().equals("backup region");
            elfcorehdr |= s.get("label").asText().equals("ELF core header");
        }
        assertTrue(backup && elfcorehdr, plan.toString());
    }

    @Test
    void runCrashKernel_debianPpc64el_reachesTheKernelEntryInTheReservation() throws IOException {
        Optional<Path> k = RealKernels.forArch(Arches.all().stream().filter(a -> a.name().equals("ppc64le")).findFirst()
                .orElseThrow());
        assumeTrue(k.isPresent(), "no ppc64el kernel fetched (scripts/fetch-kernels)");
        CliRunner.Result r = CliRunner.run("run", "-q", "--kernel", k.get().toString(), "--crash", "--crashkernel",
                "512M");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("kernel entry 0x8000000 reached"), r.out());
        assertTrue(r.out().contains("kernel entry reached with the boot registers: VERIFIED"), r.out());
    }
}
