package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexeclab.arch.Arches;
import org.kexeclab.engine.EngineException;
import org.kexeclab.engine.EngineUnavailableException;
import org.kexeclab.image.Errno;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.log.KexecLogException;
import org.kexeclab.loader.plan.PlanningException;
import org.kexeclab.panic.PanicConfigException;

/**
 * The README's exit statuses: 2 for every input error (by the exception's type, never by
 * {@link IllegalArgumentException}), 1 for a kexec that failed or could not run, and a bug of
 * kexec-lab is an "internal error" with exit 1 whatever its type.
 */
class ExitStatusTest {
    @TempDir
    Path dir;

    private String file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes).toString();
    }

    private static void assertExit(int status, CliRunner.Result r, String words) {
        assertEquals(status, r.status(), r.out() + r.err());
        assertTrue(r.err().startsWith("kexec-lab: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one sentence:\n" + r.err());
        assertTrue(r.err().contains(words), "'" + words + "' in " + r.err());
        assertFalse(r.err().contains("internal error") || r.err().contains("Exception"), r.err());
    }

    @Test
    void verdict_typedInputErrors_exit2WithTheirOwnSentence() {
        List<Exception> input = List.of(new UsageException("--x: bad"), new ImageFormatException("bzImage", -1, "bad"),
                new PlanningException("bad"), new KexecLogException(3, "bad"), new PanicConfigException("bad"),
                new KexecLoadException(Errno.EINVAL, "bad"));
        for (Exception e : input) {
            Failures.Verdict v = Failures.verdict(e);
            assertEquals(KexecLab.EXIT_USAGE, v.status(), e.toString());
            assertTrue(v.sentence().contains("bad") && !v.sentence().contains("internal error"), v.sentence());
        }
    }

    @Test
    void verdict_kexecThatFailedOrCouldNotRun_exit1() {
        List<Exception> failed = List.of(new KexecFailedException("did not boot"),
                new EngineUnavailableException(Arches.byName("ppc64"), "cannot run"), new EngineException("crashed", "UC_ERR_X", 0x1000),
                new OutputFailedException("--out: cannot write", new IOException("No space left on device")));
        for (Exception e : failed) {
            Failures.Verdict v = Failures.verdict(e);
            assertEquals(KexecLab.EXIT_FAILED, v.status(), e.toString());
            assertFalse(v.sentence().contains("internal error"), v.sentence());
        }
    }

    @Test
    void verdict_bareIllegalArgumentOrState_internalErrorExit1() {
        for (Exception e : List.of(new IllegalArgumentException("a bug"), new IllegalStateException("a bug"),
                new NullPointerException())) {
            Failures.Verdict v = Failures.verdict(e);
            assertEquals(KexecLab.EXIT_FAILED, v.status(), e.toString());
            assertTrue(v.sentence().startsWith("internal error: ") && v.sentence().contains("--debug"), v.sentence());
        }
    }

    @Test
    void runKernel_emptyCorruptOrWrongArchitectureFile_exit2() throws IOException {
        assertExit(2, CliRunner.run("run", "--arch", "x86_64", "--kernel", file("empty", new byte[0])), "cannot load");
        byte[] noise = new byte[5000];
        new java.util.Random(7).nextBytes(noise);
        assertExit(2, CliRunner.run("run", "--arch", "x86_64", "--kernel", file("noise", noise)), "cannot load");
        assertExit(2, CliRunner.run("run", "--arch", "arm64", "--kernel", file("bzImage", KernelFiles.bzImage())),
                "not for arm64");
    }

    @Test
    void runKernel_dtbOnX86OrRamTooSmall_exit2() throws IOException {
        String k = file("bzImage", KernelFiles.bzImage());
        String dtb = file("board.dtb", new byte[64]);
        assertExit(2, CliRunner.run("run", "--arch", "x86_64", "--kernel", k, "--dtb", dtb), "DTB");
        for (String mem : new String[] {"0", "1K", "-1"}) {
            assertExit(2, CliRunner.run("run", "--arch", "x86_64", "--kernel", k, "--mem", mem), "kexec-lab: ");
        }
    }

    @Test
    void runKexecLog_malformedLog_exit2() throws IOException {
        assertExit(2, CliRunner.run("run", "--kexec-log", file("bad.log", "garbage\n".getBytes())), "cannot replay");
    }

    @Test
    void compareAndEngine_unknownNames_exit2() {
        assertExit(2, CliRunner.run("compare", "--arch", "x86_64,vax"), "unknown architecture 'vax'");
        assertExit(2, CliRunner.run("run", "--arch", "ppc32", "--engine", "qemu"), "unknown engine 'qemu'");
        assertExit(2, CliRunner.run("compare", "--engines", "java,qemu"), "unknown engine 'qemu'");
    }

    @Test
    void asm_originNotAControlPage_exit2() {
        assertExit(2, CliRunner.run("asm", "--arch", "arm64", "--origin", "0xffffffffffffffff"), "not page-aligned");
        assertExit(2, CliRunner.run("asm", "--arch", "arm", "--origin", "0x100000000"), "32-bit address space");
    }
}
