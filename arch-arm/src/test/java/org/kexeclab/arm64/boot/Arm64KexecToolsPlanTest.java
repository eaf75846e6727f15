package org.kexeclab.arm64.boot;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.loader.KernelLoader;
import org.kexeclab.loader.dt.DeviceTrees;
import org.kexeclab.loader.dt.Fdt;
import org.kexeclab.loader.dt.FdtWriter;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.testkit.KexecTools;
import org.kexeclab.testkit.KexecToolsRoot;
import org.kexeclab.testkit.PlanComparison;
import org.kexeclab.testkit.RealKernels;

/**
 * kexec-lab's arm64 Image plans against Debian's arm64 kexec-tools 2.0.25 itself, run under
 * qemu-aarch64 by {@code scripts/kexec-tools-plan} over a fake /proc and /sys holding the same
 * machine's /proc/iomem and device tree ({@code /sys/firmware/fdt}, which kexec-tools patches
 * and kexec-lab is handed as the user's DTB): the number of segments and every segment's mem,
 * memsz and bufsz (the purgatory's bufsz aside: kexec-lab loads its own purgatory into
 * kexec-tools' footprint) must be equal for Debian's arm64 kernel with and without an initrd,
 * with a 1500-character command line, and above 4 GiB. Skipped when the arm64 kexec-tools,
 * qemu-aarch64 or the Debian kernel is not here (scripts/fetch-kernels).
 */
class Arm64KexecToolsPlanTest {
    static final long MIB = 1L << 20;
    static final String SHORT = "console=ttyAMA0";

    @TempDir
    Path tmp;

    private static byte[] initrd() {
        byte[] b = new byte[3 << 20];
        new Random(1).nextBytes(b);
        return b;
    }

    private static String longCommandLine() {
        StringBuilder b = new StringBuilder("console=ttyAMA0 loglevel=8 ");
        for (int i = 0; b.length() < 1500; i++) {
            b.append(String.format("opt%d=value%04d ", i, i));
        }
        return b.substring(0, 1500);
    }

    private static byte[] debianKernel() throws IOException {
        Optional<Path> k = RealKernels.forArch(ArmArches.ARM64);
        assumeTrue(k.isPresent(), "no arm64 kernel fetched (scripts/fetch-kernels)");
        return Files.readAllBytes(k.get());
    }

    @Test
    void defaultLoad_debianKernel512MiBWithAndWithoutInitrd_sameSegmentsAsKexecTools() throws Exception {
        byte[] k = debianKernel();
        compare("mem 512M, no initrd", k, 512 * MIB, null, SHORT);
        compare("mem 512M, initrd", k, 512 * MIB, initrd(), SHORT);
    }

    @Test
    void defaultLoad_debianKernelLongCommandLineAndAboveFourGib_sameSegmentsAsKexecTools() throws Exception {
        byte[] k = debianKernel();
        compare("mem 512M, initrd, 1500-char command line", k, 512 * MIB, initrd(), longCommandLine());
        compare("mem 8G, initrd", k, 8L << 30, initrd(), SHORT);
    }

    private void compare(String name, byte[] kernel, long ram, byte[] initrd, String cmdline) throws Exception {
        MemoryLayout layout = StandardMachine.layout(ram).sparse().build();
        Fdt running = DeviceTrees.standard(ArmArches.ARM64, layout);
        LoadRequest req = LoadRequest.of(kernel).withCmdline(cmdline).withDtb(FdtWriter.write(running));
        req = initrd == null ? req : req.withInitrd(initrd);
        LoadPlan lab = KernelLoader.withPurgatory(KernelLoader.plan(ArmArches.ARM64, req, layout));
        Path root = new KexecToolsRoot().iomem(KexecToolsRoot.iomem(layout, 0, 0)).runningCommandLine(SHORT)
                .deviceTree(running).write(tmp.resolve(name.replaceAll("\\W+", "-")));
        KexecTools.Plan kt = KexecTools.plan("arm64", root, kexecArgs(root, kernel, initrd, cmdline));
        PlanComparison.assertSame(name, kt.log(), lab);
    }

    private static List<String> kexecArgs(Path root, byte[] kernel, byte[] initrd, String cmdline) throws IOException {
        Path k = Files.write(root.resolveSibling(root.getFileName() + ".kernel"), kernel);
        List<String> args = new ArrayList<>(List.of("-l", k.toString()));
        if (initrd != null) {
            args.add("--initrd=" + Files.write(root.resolveSibling(root.getFileName() + ".initrd"), initrd));
        }
        args.add("--command-line=" + cmdline);
        return args;
    }
}
