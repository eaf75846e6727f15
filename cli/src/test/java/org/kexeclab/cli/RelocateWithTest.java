package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.testkit.RealVmlinuxes;

/**
 * {@code --relocate-with}: refusals without a kernel (one sentence, exit 2), and with Debian's
 * armhf kernel's code when fetched, on the built-in images (the real kernels' own relocation runs
 * are RealKernelCodeTest's): {@code compare --relocate-with kernel,stub} reports identical destination memory and the kernel's reasons,
 * {@code run} names the kernel's code, and {@code trace} shows its instructions by the kernel's
 * own symbol.
 */
class RelocateWithTest {
    @TempDir
    Path dir;

    @Test
    void run_relocateWithKernelWithoutAFile_usageErrorNamingTheOptions() {
        CliRunner.Result r = CliRunner.run("run", "--arch", "x86_64", "--relocate-with", "kernel");
        assertEquals(2, r.status(), r.err());
        assertEquals("kexec-lab: --relocate-with kernel needs the kernel file whose code runs: --kernel FILE or "
                + "--code-from FILE\n", r.err());
    }

    @Test
    void run_relocateWithUnknownValue_usageError() {
        CliRunner.Result r = CliRunner.run("run", "--arch", "arm", "--relocate-with", "linux");
        assertEquals(2, r.status(), r.err());
        assertEquals("kexec-lab: --relocate-with: 'linux' is neither kernel nor stub\n", r.err());
    }

    @Test
    void run_codeFromAFileThatIsNoKernel_usageErrorNamingTheFile() throws IOException {
        Path junk = Files.write(dir.resolve("junk.bin"), new byte[8192]);
        CliRunner.Result r = CliRunner.run("run", "--arch", "arm64", "--relocate-with", "kernel", "--code-from",
                junk.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().startsWith("kexec-lab: --relocate-with kernel: cannot run the relocation code of '" + junk
                + "': "), r.err());
        assertEquals(1, r.err().split("\n").length, r.err());
    }

    @Test
    void compare_relocateWithOnAllArchitectures_usageError() {
        CliRunner.Result r = CliRunner.run("compare", "--relocate-with", "kernel,stub");
        assertEquals(2, r.status(), r.err());
        assertEquals("kexec-lab: --relocate-with compares relocators on one architecture: give --arch ARCH\n", r.err());
    }

    @Test
    void compare_codeFromWithoutRelocateWith_usageError() {
        CliRunner.Result r = CliRunner.run("compare", "--arch", "arm", "--code-from", "vmlinuz");
        assertEquals(2, r.status(), r.err());
        assertEquals("kexec-lab: --code-from and --system-map go with --relocate-with in compare\n", r.err());
    }

    @Test
    void compare_armhfKernelsCodeOnTheDemoImage_identicalDestinationsAndTheReasons() {
        Path kernel = RealVmlinuxes.fileOrSkip(ArmArches.ARM);
        CliRunner.Result r = CliRunner.run("compare", "--arch", "arm", "--relocate-with", "kernel,stub", "--code-from",
                kernel.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("destination memory: identical (SHA-256 "), r.out());
        assertTrue(r.out().contains("relocate_new_kernel"), r.out());
        assertTrue(r.out().contains("relocate_kernel_arm.S"), r.out());
        assertTrue(r.out().contains("why relocate_new_kernel differs from the stub"), r.out());
    }

    @Test
    void trace_kernelCodeOnTheSmallImage_listedByTheKernelsSymbol() {
        Path kernel = RealVmlinuxes.fileOrSkip(ArmArches.ARM);
        CliRunner.Result r = CliRunner.run("trace", "--arch", "arm", "--relocate-with", "kernel", "--code-from",
                kernel.toString(), "--limit", "40");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("relocate_new_kernel+0x"), r.out());
    }

    @Test
    void run_kernelCodeOnTheDemoImage_verifiedAndNamed() {
        Path kernel = RealVmlinuxes.fileOrSkip(ArmArches.ARM);
        CliRunner.Result r = CliRunner.run("run", "--arch", "arm", "--relocate-with", "kernel", "--code-from",
                kernel.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("relocate_new_kernel"), r.out());
    }

    @Test
    void compare_ppc64elKernelsCodeOnItsOwnKernel_identicalDestinations() {
        Path kernel = RealVmlinuxes.fileOrSkip(PpcArches.PPC64LE);
        CliRunner.Result r = CliRunner.run("compare", "--arch", "ppc64le", "--relocate-with", "kernel,stub",
                "--kernel", kernel.toString(), "--mem", "512M");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("destination memory: identical (SHA-256 "), r.out());
        assertTrue(r.out().contains("why kexec_sequence differs from the stub"), r.out());
    }

    @Test
    void run_ppc64elKernelsCodeOnTheDemoImage_refusedNamingThePageSizes() {
        Path kernel = RealVmlinuxes.fileOrSkip(PpcArches.PPC64LE);
        CliRunner.Result r = CliRunner.run("run", "--arch", "ppc64le", "--relocate-with", "kernel", "--code-from",
                kernel.toString());
        assertEquals(2, r.status(), r.out() + r.err());
        assertEquals("kexec-lab: --relocate-with kernel: kexec_sequence cannot relocate this image: the image's list "
                + "uses 4096-byte pages but the kernel's code copies 65536-byte pages\n", r.err());
    }
}
