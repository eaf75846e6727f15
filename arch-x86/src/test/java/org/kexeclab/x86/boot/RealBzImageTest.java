package org.kexeclab.x86.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.image.Segment;
import org.kexeclab.loader.KernelLoader;
import org.kexeclab.loader.log.KexecLog;
import org.kexeclab.loader.log.KexecLogParser;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.testkit.RealKernels;
import org.kexeclab.x86.X86Arches;

/**
 * The Debian amd64 bzImage, when fetched ({@link RealKernels}: {@code $KEXECLAB_KERNELS} or the
 * cache {@code scripts/fetch-kernels} fills; skipped otherwise): its kernel segment must be
 * planned as the fetched kexec-tools plans it ({@code kexec -d -l}, run unprivileged: it prints
 * its plan before the syscall fails) on the memory map it printed.
 */
class RealBzImageTest {
    private static final String CMDLINE = "console=ttyS0 quiet";
    private static final Pattern RANGE = Pattern.compile("^([0-9a-f]{16})-([0-9a-f]{16}) \\((\\d+)\\)$");

    @Test
    void plan_debianBzImage_kernelSegmentAsKexecToolsPlansIt() throws Exception {
        Optional<Path> kernel = RealKernels.forArch(X86Arches.X86_64);
        Optional<Path> kexec = RealKernels.kexecTools();
        assumeTrue(kernel.isPresent() && kexec.isPresent(), "no amd64 kernel and kexec-tools fetched");
        byte[] initrd = new byte[36000];
        String out = runKexecTools(kexec.get(), kernel.get(), initrd);
        KexecLog log = KexecLogParser.parse(out);
        long kernelAt = loaded(out, "Loaded 64bit kernel at 0x([0-9a-f]+)");
        KexecLog.Segment theirs = log.segments().stream().filter(s -> s.mem() == kernelAt).findFirst().orElseThrow();
        LoadPlan plan = KernelLoader.plan(X86Arches.X86_64, LoadRequest.of(Files.readAllBytes(kernel.get()))
                .withInitrd(initrd).withCmdline(CMDLINE), layoutOf(out, log));
        Segment ours = plan.segment("kernel").segment();
        long align = BzImageParser.parse(Files.readAllBytes(kernel.get())).kernelAlignment();
        System.out.printf("kexec-tools kernel segment: mem 0x%x bufsz 0x%x memsz 0x%x; kexec-lab: mem 0x%x bufsz 0x%x"
                + " memsz 0x%x; kernel_alignment 0x%x%n", theirs.mem(), theirs.bufsz(), theirs.memsz(), ours.mem(),
                ours.bufsz(), ours.memsz(), align);
        assertEquals(theirs.bufsz(), ours.bufsz(), "bufsz");
        assertEquals(theirs.memsz(), ours.memsz(), "memsz");
        assertEquals(0, theirs.mem() % align, "kexec-tools' kernel is aligned to kernel_alignment");
        assertEquals(0, ours.mem() % align, "kexec-lab's kernel is aligned to kernel_alignment");
        assertEquals(theirs.mem(), ours.mem(), "mem, on the same memory map with kexec-tools' extra buffers reserved");
    }

    /** The fetched kexec-tools' {@code -d -l} output for {@code kernel} (stdout and stderr). */
    private static String runKexecTools(Path kexec, Path kernel, byte[] initrd) throws Exception {
        Path dir = Files.createTempDirectory("kexec-tools");
        Path rd = Files.write(dir.resolve("initrd.img"), initrd);
        ProcessBuilder pb = new ProcessBuilder(kexec.toString(), "-d", "-l", kernel.toString(), "--initrd=" + rd,
                "--command-line=" + CMDLINE).redirectErrorStream(true);
        pb.environment().put("LD_LIBRARY_PATH", kexec.getParent().resolveSibling("lib").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kexec did not finish");
        Files.delete(rd);
        Files.delete(dir);
        assertTrue(out.contains("nr_segments"), () -> "kexec -d printed no segment plan:\n" + out);
        return out;
    }

    /**
     * The RAM kexec-tools saw ("MEMORY RANGES", type 0), with the segments kexec-lab does not
     * make (its purgatory, the RNG-seed setup_data) reserved where kexec-tools put them.
     */
    private static MemoryLayout layoutOf(String out, KexecLog log) {
        MemoryLayout.Builder b = MemoryLayout.builder();
        boolean ranges = false;
        for (String line : out.lines().toList()) {
            Matcher m = RANGE.matcher(line.strip());
            if (line.startsWith("MEMORY RANGES")) {
                ranges = true;
            } else if (ranges && m.matches()) {
                long start = Long.parseUnsignedLong(m.group(1), 16);
                long end = Long.parseUnsignedLong(m.group(2), 16) + 1;
                if (m.group(3).equals("0") && start >= 0x100000) {
                    b.ram(start, end - start);
                }
            } else if (ranges) {
                break;
            }
        }
        List<Long> ours = List.of(loaded(out, "Loaded 64bit kernel at 0x([0-9a-f]+)"),
                loaded(out, "Loaded initrd at 0x([0-9a-f]+)"),
                loaded(out, "Loaded real_mode_data and command line at 0x([0-9a-f]+)"));
        log.segments().stream().filter(s -> !ours.contains(s.mem()))
                .forEach(s -> b.reserve(s.mem(), s.memsz(), "kexec-tools segment at 0x" + Long.toHexString(s.mem())));
        return b.build();
    }

    private static long loaded(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        assertTrue(m.find(), () -> "kexec -d output lacks '" + regex + "'");
        return Long.parseUnsignedLong(m.group(1), 16);
    }
}
