package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code boot-check}'s refusals, each one sentence, before anything runs (no QEMU needed). */
class BootCheckCommandTest {
    @TempDir
    Path dir;

    private String kernel() throws Exception {
        Path f = dir.resolve("kernel");
        Files.write(f, new byte[4096]);
        return f.toString();
    }

    @Test
    void bootCheck_relocateWithKernel_refusedWithStatus2() throws Exception {
        CliRunner.Result r = CliRunner.run("boot-check", "--arch", "arm64", "--kernel", kernel(), "--relocate-with",
                "kernel");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("--relocate-with kernel: only 'stub' relocates in this build"), r.err());
    }

    @Test
    void bootCheck_timeoutNotPositive_refusedWithStatus2() throws Exception {
        CliRunner.Result r = CliRunner.run("boot-check", "--arch", "arm64", "--kernel", kernel(), "--timeout", "0");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("--timeout"), r.err());
    }

    @Test
    void bootCheck_architectureWithoutMachine_saysWhichHaveOneWithStatus1() throws Exception {
        CliRunner.Result r = CliRunner.run("boot-check", "--arch", "ppc32", "--kernel", kernel());
        assertEquals(1, r.status(), r.err());
        assertEquals("kexec-lab: boot-check cannot run here: boot-check has no QEMU machine for ppc32; it has one for "
                + "x86_64, i386, arm64, arm, ppc64le, riscv64", r.err().strip());
    }

    @Test
    void bootCheck_help_listsTheMachinesArchitectures() {
        CliRunner.Result r = CliRunner.run("help", "boot-check");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().replaceAll("\\s+", " ").contains("QEMU machines: x86_64, i386, arm64, arm, ppc64le, riscv64."), r.out());
    }
}
