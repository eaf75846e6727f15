package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gdbserver --kernel} takes the architecture from the kernel file as {@code run} does,
 * and refuses a disagreeing {@code --arch} in run's sentence. The debugger here is an empty
 * standard input: it goes away at once, so the session ends as soon as it is served.
 */
class GdbserverKernelTest {
    @TempDir
    Path dir;

    private String bzImage() throws Exception {
        Path p = dir.resolve("bzImage");
        Files.write(p, KernelFiles.bzImage());
        return p.toString();
    }

    @Test
    void gdbserver_kernelWithoutArch_servesTheKernelFilesArchitecture() throws Exception {
        CliRunner.Result r = CliRunner.runWithInput("", "gdbserver", "--stdio", "--kernel", bzImage());
        assertTrue(r.err().contains("x86_64"), r.err());
        assertTrue(!r.err().contains("--arch ARCH is required"), r.err());
    }

    @Test
    void gdbserver_kernelForAnotherArch_refusedInRunsSentence() throws Exception {
        CliRunner.Result r = CliRunner.runWithInput("", "gdbserver", "--stdio", "--arch", "arm64", "--kernel", bzImage());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("this is a kernel for x86_64"), r.err());
    }
}
