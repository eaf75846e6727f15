package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.loader.KernelCache;
import org.kexeclab.testkit.RealKernels;

/** {@code compare} on kernel files: {@code --kernel-for ARCH=FILE}, {@code --kernel FILE} and {@code --debian}. */
class CompareKernelsTest {
    @TempDir
    Path dir;

    private String file(String name, byte[] data) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, data);
        return p.toString();
    }

    private static JsonNode json(CliRunner.Result r) throws IOException {
        return OutcomeJson.MAPPER.readTree(r.out());
    }

    /** The number of steps the text trace shows after the purgatory's boundary line (unfolded). */
    private static long purgatorySteps(String kernel) {
        CliRunner.Result t = CliRunner.run("trace", "-q", "--no-fold", "--kernel", kernel);
        assertEquals(0, t.status(), t.err());
        String after = t.out().substring(t.out().lastIndexOf("\n# leg 2 of 2"));
        return after.lines().filter(l -> l.startsWith("  ")).count();
    }

    @Test
    void compare_kernelForTwoArchitectures_rowsSideBySideWithLegsLoadsStoresAndBootRegisters() throws IOException {
        String bz = file("bzImage", KernelFiles.bzImage());
        String image = file("Image", KernelFiles.arm64Image());
        CliRunner.Result r = CliRunner.run("compare", "-q", "--kernel-for", "x86_64=" + bz, "--kernel-for",
                "arm64=" + image, "--cmdline", "console=ttyS0", "--json");
        assertEquals(0, r.status(), r.err());
        JsonNode rows = json(r);
        assertEquals(2, rows.size(), r.out());
        assertEquals("x86_64", rows.get(0).get("arch").asText());
        assertEquals("arm64", rows.get(1).get("arch").asText());
        for (JsonNode row : rows) {
            assertTrue(row.get("verified").asBoolean(), row.toString());
            assertTrue(row.get("stub").get("instructions").asLong() > row.get("pagesCopied").asLong(), row.toString());
            assertTrue(row.get("stub").get("stores").asLong() > 0, row.toString());
        }
        assertEquals(purgatorySteps(bz), rows.get(0).get("purgatory").get("instructions").asLong(),
                "the purgatory's instructions are the steps its trace leg shows");
        assertEquals(purgatorySteps(image), rows.get(1).get("purgatory").get("instructions").asLong());
        CliRunner.Result seg = CliRunner.run("segments", "--kernel", bz, "--cmdline", "console=ttyS0", "--json");
        JsonNode segments = OutcomeJson.MAPPER.readTree(seg.out());
        String bootParams = null;
        for (JsonNode s : segments.get("segments")) {
            if (s.get("label").asText().startsWith("boot params")) {
                bootParams = s.get("mem").asText();
            }
        }
        assertEquals(bootParams, rows.get(0).get("bootRegisters").get("rsi").asText(), segments.toString());
    }

    @Test
    void compare_kernelWithoutArch_oneRowForTheFilesArchitectureInTheTable() throws IOException {
        CliRunner.Result r = CliRunner.run("compare", "-q", "--kernel", file("Image", KernelFiles.arm64Image()));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("arch "), r.out());
        assertTrue(r.out().contains("purgatory instr"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("arm64 ") && l.endsWith("  yes")), r.out());
        assertTrue(r.out().contains("boot registers at the kernel's entry:\n  arm64 "), r.out());
    }

    @Test
    void compare_kernelForRepeatedOrMalformedOrWithArch_usageErrors() throws IOException {
        String bz = file("bzImage", KernelFiles.bzImage());
        CliRunner.Result twice = CliRunner.run("compare", "--kernel-for", "x86_64=" + bz, "--kernel-for", "amd64=" + bz);
        assertEquals(2, twice.status());
        assertTrue(twice.err().contains("--kernel-for names x86_64 twice"), twice.err());
        CliRunner.Result malformed = CliRunner.run("compare", "--kernel-for", bz);
        assertEquals(2, malformed.status());
        assertTrue(malformed.err().contains("write ARCH=FILE"), malformed.err());
        CliRunner.Result wrong = CliRunner.run("compare", "--kernel-for", "arm64=" + bz);
        assertEquals(2, wrong.status());
        assertTrue(wrong.err().contains("this is a kernel for x86_64, not for arm64"), wrong.err());
        CliRunner.Result both = CliRunner.run("compare", "--kernel", bz, "--debian");
        assertEquals(2, both.status());
        assertTrue(both.err().contains("use one"), both.err());
    }

    @Test
    void compare_debianWithAnEmptyCache_saysHowToFetchThemExit2() {
        String before = System.getProperty(KernelCache.PROPERTY);
        System.setProperty(KernelCache.PROPERTY, dir.toString());
        try {
            CliRunner.Result r = CliRunner.run("compare", "--debian");
            assertEquals(KexecLab.EXIT_USAGE, r.status(), r.out());
            assertEquals("kexec-lab: no Debian kernel for any architecture in " + dir + ": fetch them with "
                    + "scripts/fetch-kernels (or name that folder with KEXECLAB_KERNELS)\n", r.err());
        } finally {
            if (before == null) {
                System.clearProperty(KernelCache.PROPERTY);
            } else {
                System.setProperty(KernelCache.PROPERTY, before);
            }
        }
    }

    /** Debian's arm64 kernel, when fetched: relocated, its purgatory run, x0 at the device tree. */
    @Test
    void compare_debianArm64_verifiedWithBothLegsCounted() throws IOException {
        assumeTrue(RealKernels.forArch(ArmArches.ARM64).isPresent(), "Debian's arm64 kernel is not fetched "
                + "(scripts/fetch-kernels)");
        CliRunner.Result r = CliRunner.run("compare", "-q", "--debian", "--arch", "arm64", "--json");
        assertEquals(0, r.status(), r.err());
        JsonNode row = json(r).get(0);
        assertEquals("arm64 Image", row.get("kernelFormat").asText(), row.toString());
        assertTrue(row.get("pagesCopied").asLong() > 1000, row.toString());
        assertTrue(row.get("purgatory").get("instructions").asLong() > 0, row.toString());
        CliRunner.Result seg = CliRunner.run("segments", "--kernel", row.get("kernel").asText(), "--json");
        String dtb = null;
        for (JsonNode s : OutcomeJson.MAPPER.readTree(seg.out()).get("segments")) {
            if (s.get("label").asText().equals("dtb")) {
                dtb = s.get("mem").asText();
            }
        }
        assertEquals(dtb, row.get("bootRegisters").get("x0").asText(), row.toString());
    }
}
