package org.kexeclab.x86.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.loader.KernelLoader;
import org.kexeclab.loader.plan.CrashedKernel;
import org.kexeclab.loader.plan.IomemMap;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.testkit.KexecTools;
import org.kexeclab.testkit.KexecToolsRoot;
import org.kexeclab.testkit.PlanComparison;
import org.kexeclab.testkit.RealKernels;
import org.kexeclab.testkit.SyntheticKernels;
import org.kexeclab.x86.X86Arches;

/**
 * kexec-lab's bzImage plans against Debian's kexec-tools 2.0.25 itself ({@code kexec -d}, run by
 * {@code scripts/kexec-tools-plan} in a user namespace over a fake /proc and /sys written from the
 * same machine): the number of segments and every segment's mem, memsz and bufsz (the
 * purgatory's bufsz aside) must be equal, for Debian's amd64 kernel with and without an initrd
 * and with a 1500-character command line, on maps that catch each placement rule (the purgatory
 * footprint: a RAM top just past a 2 MiB boundary; above 4 GiB; a PCI hole), and for a crash
 * load. Skipped when kexec-tools or the Debian kernel was not fetched (scripts/fetch-kernels).
 */
class X86KexecToolsPlanTest {
    static final long MIB = 1L << 20;
    static final String SHORT = "console=ttyS0";

    @TempDir
    Path tmp;

    static byte[] initrd() {
        byte[] b = new byte[3 << 20];
        new Random(1).nextBytes(b);
        return b;
    }

    static String longCommandLine() {
        StringBuilder b = new StringBuilder("console=ttyS0 loglevel=8 ");
        for (int i = 0; b.length() < 1500; i++) {
            b.append(String.format("opt%d=value%04d ", i, i));
        }
        return b.substring(0, 1500);
    }

    private byte[] debianKernel() throws IOException {
        Optional<Path> k = RealKernels.forArch(X86Arches.X86_64);
        assumeTrue(k.isPresent(), "no amd64 kernel fetched (scripts/fetch-kernels)");
        return Files.readAllBytes(k.get());
    }

    @Test
    void defaultLoad_debianKernelWithoutInitrd_sameSegmentsAsKexecTools() throws Exception {
        compare("mem 128M, no initrd", debianKernel(), standard(128 * MIB), null, SHORT);
    }

    @Test
    void defaultLoad_debianKernelWithInitrdAndLongCommandLine_sameSegmentsAsKexecTools() throws Exception {
        byte[] k = debianKernel();
        compare("mem 128M, initrd", k, standard(128 * MIB), initrd(), SHORT);
        compare("mem 512M, initrd, 1500-char command line", k, standard(512 * MIB), initrd(), longCommandLine());
    }

    @Test
    void defaultLoad_ramTopJustPastTwoMiB_purgatoryFootprintMovesTheKernelAsInKexecTools() throws Exception {
        compare("mem 0x81a0000, initrd", debianKernel(), standard(0x81a0000L), initrd(), SHORT);
    }

    @Test
    void defaultLoad_aboveFourGibAndAroundAPciHole_sameSegmentsAsKexecTools() throws Exception {
        byte[] k = debianKernel();
        compare("mem 8G, initrd", k, standard(8L << 30), initrd(), SHORT);
        String vm = vmMap();
        compare("the VM's e820 map, initrd", k, IomemMap.parse(vm).layout(), vm, initrd(), SHORT);
    }

    @Test
    void defaultLoad_syntheticBzImage_sameSegmentsAsKexecTools() throws Exception {
        byte[] k = SyntheticKernels.bzImage(39, 0x7d87c0, 0x3f98000);
        k[0x236] = 0x7f;
        compare("synthetic bzImage, mem 256M, initrd", k, standard(256 * MIB), initrd(), SHORT);
    }

    @Test
    void crashLoad_debianKernel_sameSegmentsAsKexecToolsDashP() throws Exception {
        MemoryLayout layout = StandardMachine.layout(1L << 30).sparse().crashReservation(0x20000000L, 256 * MIB)
                .runningKernel(X86CrashKernelRules.PHYSICAL_START, X86CrashKernelRules.KERNEL_SIZE).build();
        CrashedKernel crashed = CrashedKernel.after(layout.runningKernel().orElseThrow().end(), 2,
                X86CrashKernelRules.CRASH_NOTES_SIZE);
        compareCrash("crash 256M@0x20000000 on 1 GiB, 2 CPUs, initrd", debianKernel(), layout, crashed, initrd());
    }

    private static MemoryLayout standard(long ram) {
        return StandardMachine.layout(ram).sparse().build();
    }

    private static String vmMap() throws Exception {
        try (InputStream in = X86KexecToolsPlanTest.class.getResourceAsStream("/kexec-tools/x86-vm.iomem")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("(?m)^#.*\n", "");
        }
    }

    private void compare(String name, byte[] kernel, MemoryLayout layout, byte[] initrd, String cmdline)
            throws Exception {
        compare(name, kernel, layout, KexecToolsRoot.iomem(layout, 0, 0), initrd, cmdline);
    }

    private void compare(String name, byte[] kernel, MemoryLayout layout, String iomem, byte[] initrd, String cmdline)
            throws Exception {
        LoadRequest req = LoadRequest.of(kernel).withCmdline(cmdline);
        req = initrd == null ? req : req.withInitrd(initrd);
        LoadPlan lab = KernelLoader.withPurgatory(KernelLoader.plan(X86Arches.X86_64, req, layout));
        Path root = new KexecToolsRoot().iomem(iomem).firmwareMemmap(iomem).runningCommandLine(SHORT)
                .zeroBootParams(0x020f).write(tmp.resolve(name.replaceAll("\\W+", "-")));
        KexecTools.Plan kt = KexecTools.plan("x86_64", root, kexecArgs("-l", root, kernel, initrd, cmdline));
        PlanComparison.assertSame(name, kt.log(), lab);
    }

    private void compareCrash(String name, byte[] kernel, MemoryLayout layout, CrashedKernel crashed, byte[] initrd)
            throws Exception {
        LoadRequest req = LoadRequest.of(kernel).withCmdline(SHORT).withInitrd(initrd).withCrash(crashed);
        LoadPlan lab = KernelLoader.withPurgatory(KernelLoader.plan(X86Arches.X86_64, req, layout));
        AddressRange k = layout.runningKernel().orElseThrow();
        long codeEnd = (k.start() + k.size() * 6 / 10 + 0xfff) & -0x1000L;
        String iomem = KexecToolsRoot.iomem(layout, k.start(), codeEnd);
        Map<String, Long> syms = new LinkedHashMap<>();
        syms.put("_text", X86CrashSegments.KERNEL_TEXT_VADDR);
        syms.put("_stext", X86CrashSegments.KERNEL_TEXT_VADDR);
        syms.put("_end", X86CrashSegments.KERNEL_TEXT_VADDR + k.size());
        List<KexecToolsRoot.KcoreLoad> loads = new ArrayList<>();
        loads.add(new KexecToolsRoot.KcoreLoad(X86CrashSegments.KERNEL_TEXT_VADDR, k.start(), k.size()));
        for (AddressRange r : IomemMap.parse(iomem).ram()) {
            loads.add(new KexecToolsRoot.KcoreLoad(X86CrashSegments.PAGE_OFFSET + r.start(), r.start(), r.size()));
        }
        Path root = new KexecToolsRoot().iomem(iomem).firmwareMemmap(iomem).runningCommandLine(SHORT)
                .zeroBootParams(0x020f).kallsyms(syms).kcore(X86CrashSegments.EM_X86_64, ByteOrder.LITTLE_ENDIAN, loads,
                        null).cpus(crashed).write(tmp.resolve("crash"));
        KexecTools.Plan kt = KexecTools.plan("x86_64", root, kexecArgs("-p", root, kernel, initrd, SHORT));
        PlanComparison.assertSame(name, kt.log(), lab);
        assertEquals(1, kt.log().flags().orElseThrow() & 1, "kexec-tools' flags say KEXEC_ON_CRASH");
    }

    private List<String> kexecArgs(String op, Path root, byte[] kernel, byte[] initrd, String cmdline)
            throws IOException {
        Path k = Files.write(root.resolveSibling(root.getFileName() + ".kernel"), kernel);
        List<String> args = new ArrayList<>(List.of(op, k.toString()));
        if (initrd != null) {
            args.add("--initrd=" + Files.write(root.resolveSibling(root.getFileName() + ".initrd"), initrd));
        }
        args.add("--command-line=" + cmdline);
        return args;
    }
}
