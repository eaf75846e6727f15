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
import org.kexeclab.testkit.RealKernels;
import org.kexeclab.x86.X86Arches;

/**
 * {@code panic --kernel FILE}: the kernel file as the crash image {@code kexec -p} loaded, loaded
 * as {@code run --crash --kernel} loads it, and {@code __crash_kexec} followed through its
 * purgatory to the kernel's entry.
 */
class PanicKernelTest {
    @TempDir
    Path dir;

    private String file(String name, byte[] data) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, data);
        return p.toString();
    }

    /** The plan {@code segments --crash --kernel FILE --json} prints for the same load. */
    private static JsonNode crashPlan(String kernel) throws IOException {
        CliRunner.Result r = CliRunner.run("segments", "--crash", "--kernel", kernel, "--json");
        assertEquals(0, r.status(), r.err());
        return OutcomeJson.MAPPER.readTree(r.out());
    }

    private static void assertEnteredAsPlanned(CliRunner.Result r, JsonNode plan, String register) {
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("head 0x4 (IND_DONE: loaded in place, nothing to copy)"), r.out());
        assertTrue(r.out().contains("purgatory: the purgatory at " + plan.get("entry").asText()
                + " ran to the crash kernel's entry " + plan.get("kernelEntry").asText()), r.out());
        String want = register + "=" + plan.get("bootRegisters").get(register).asText();
        assertTrue(r.out().contains("crash kernel entered at " + plan.get("kernelEntry").asText() + " with " + want),
                "the boot register the crash plan names: " + want + "\n" + r.out());
        assertTrue(r.out().contains("(the boot registers the boot protocol wants)"), r.out());
    }

    @Test
    void panic_x86_64BzImageWithoutArch_entersTheCrashKernelThroughItsPurgatory() throws IOException {
        String kernel = file("bzImage", KernelFiles.bzImage());
        CliRunner.Result r = CliRunner.run("panic", "--kernel", kernel);
        assertEnteredAsPlanned(r, crashPlan(kernel), "rsi");
        assertTrue(r.out().startsWith("panic() on x86_64"), r.out());
    }

    @Test
    void panic_arm64ImageWithCrashkernelOffset_entersInsideTheReservation() throws IOException {
        String kernel = file("Image", KernelFiles.arm64Image());
        CliRunner.Result r = CliRunner.run("panic", "--kernel", kernel, "--crashkernel", "64M@0x10000000",
                "--mem", "512M");
        CliRunner.Result seg = CliRunner.run("segments", "--crash", "--kernel", kernel, "--crashkernel",
                "64M@0x10000000", "--mem", "512M", "--json");
        JsonNode plan = OutcomeJson.MAPPER.readTree(seg.out());
        assertEnteredAsPlanned(r, plan, "x0");
        long entry = Long.decode(plan.get("kernelEntry").asText());
        assertTrue(entry >= 0x10000000L && entry < 0x14000000L, plan.toString());
    }

    @Test
    void panic_kernelOfAnArchitectureWithoutCrashLoads_refusedInOneSentence() throws IOException {
        CliRunner.Result r = CliRunner.run("panic", "--kernel", file("vmlinux", KernelFiles.ppc32Elf()));
        assertEquals(KexecLab.EXIT_USAGE, r.status(), r.out());
        assertTrue(r.err().startsWith("kexec-lab: crash loads of a kernel file are not modelled for ppc32"), r.err());
    }

    @Test
    void panic_kernelWithNoCrashImage_refused() throws IOException {
        CliRunner.Result r = CliRunner.run("panic", "--kernel", file("bzImage", KernelFiles.bzImage()),
                "--no-crash-image");
        assertEquals(KexecLab.EXIT_USAGE, r.status(), r.out());
        assertTrue(r.err().contains("--kernel and --no-crash-image cannot be used together"), r.err());
    }

    @Test
    void panic_initrdWithoutKernel_refused() throws IOException {
        CliRunner.Result r = CliRunner.run("panic", "--arch", "x86_64", "--initrd", file("initrd", new byte[100]));
        assertEquals(KexecLab.EXIT_USAGE, r.status(), r.out());
        assertTrue(r.err().contains("go with --kernel FILE"), r.err());
    }

    /** Debian's amd64 kernel, when fetched, as the crash kernel. */
    @Test
    void panic_debianAmd64Kernel_entersTheCrashKernelWithRsiAtItsBootParams() throws IOException {
        Path kernel = RealKernels.forArch(X86Arches.X86_64).orElse(null);
        assumeTrue(kernel != null, "Debian's amd64 kernel is not fetched (scripts/fetch-kernels)");
        CliRunner.Result r = CliRunner.run("panic", "--kernel", kernel.toString());
        assertEnteredAsPlanned(r, crashPlan(kernel.toString()), "rsi");
    }
}
