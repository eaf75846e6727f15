package org.kexeclab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.kexeclab.Arch;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.CpuEngines;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KernelEntryLeg;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.loader.KernelLoader;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;

/**
 * A real distribution kernel of one architecture (from {@link RealKernels}, skipped when not
 * fetched), end to end: planned with an initrd and a command line (and a generated DTB where
 * the architecture takes one) plus the arch's purgatory, relocated by the arch's
 * {@link MachineKexec} through {@link KexecRun} with every destination byte verified, then
 * followed through the purgatory to the kernel entry, where every boot register must hold the
 * plan's value. Subclass it once per architecture in the arch's module.
 */
public abstract class RealKernelRunTest {
    private static final String CMDLINE = "console=ttyS0 root=/dev/ram0 kexec-lab=real-kernel";
    /** Room for a distribution kernel's memsz (amd64 6.1: 64 MiB) within half of RAM (kexec_load's rule). */
    private static final long RAM = 512L << 20;

    /** The architecture's relocation. */
    protected abstract MachineKexec machine();

    /** The engine to run on (default: the first engine that runs the architecture). */
    protected CpuEngine engine() {
        return CpuEngines.forArch(machine().arch());
    }

    @Test
    void run_fetchedKernelWithPurgatory_reachesKernelEntryWithEveryBootRegister() throws Exception {
        Arch arch = machine().arch();
        Optional<Path> file = RealKernels.forArch(arch);
        assumeTrue(file.isPresent(), "no " + RealKernels.debianArch(arch) + " kernel fetched (scripts/fetch-kernels)");
        LoadPlan plan = KernelLoader.withPurgatory(KernelLoader.plan(arch, LoadRequest.of(Files.readAllBytes(file.get()))
                .withInitrd(initrd()).withCmdline(CMDLINE).withRam(RAM)));
        LoadedImage loaded = LoadedImage.load(plan.image(), LoadOptions.defaults().withControlPages(machine().controlPages()));
        try (KexecRun run = KexecRun.prepare(machine(), loaded, KexecOptions.defaults(), engine())) {
            KexecOutcome o = run.execute();
            assertTrue(o.verified(), () -> file.get().getFileName() + ": relocation not verified: " + o.failures());
            assertTrue(o.destinations() != null && o.destinations().passed(), "destinations not verified");
            assertEquals(o.pagesToCopy(), o.pagesCopied(), "pages copied");
            KernelEntryLeg.Outcome leg = KernelEntryLeg.follow(run, plan.kernelEntry(), plan.bootRegisters());
            assertTrue(leg.verified(), () -> "purgatory leg: " + leg.failures());
            long mask = arch.wordSize() == 4 ? 0xffff_ffffL : -1L;
            Map<String, Long> want = plan.bootRegisters().entrySet().stream().collect(Collectors.toMap(
                    Map.Entry::getKey, e -> e.getValue() & mask, (a, b) -> a, LinkedHashMap::new));
            assertFalse(want.isEmpty());
            assertEquals(want, leg.registers());
            System.out.printf("%s on %s: %s, %d instructions, %d pages copied, %.1f ms; kernel entry 0x%x %s%n",
                    file.get().getFileName(), o.engine(), plan.kernelFormat(), o.instructions(), o.pagesCopied(),
                    o.elapsedNanos() / 1e6, plan.kernelEntry(), leg.registers().entrySet().stream()
                            .map(e -> e.getKey() + "=0x" + Long.toHexString(e.getValue())).toList());
        }
    }

    private static byte[] initrd() {
        byte[] b = "kexec-lab initrd stand-in\n".repeat(2000).getBytes(StandardCharsets.US_ASCII);
        return b;
    }
}
