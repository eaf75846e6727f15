package org.kexeclab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.image.DestinationDigest;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KernelEntryLeg;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.kernelcode.KernelCodeKexec;
import org.kexeclab.kexec.kernelcode.KernelRelocations;
import org.kexeclab.loader.KernelLoader;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.vmlinux.Vmlinux;

/**
 * A real distribution kernel's own relocation code (skipped when no kernel of the architecture
 * is fetched), beside kexec-lab's stub: the kernel's file is loaded as kexec-tools would (with
 * the project's purgatory), and the same loaded image is relocated once by the code found in
 * that very kernel and once by the stub, on each engine. Both must be verified (every
 * destination byte, the entry registers, the entry probe's record), leave identical destination
 * memory (SHA-256) and reach the kernel entry through the purgatory. Subclass it once per
 * architecture that has a {@link org.kexeclab.kexec.kernelcode.KernelRelocation}.
 */
public abstract class RealKernelCodeTest {
    private static final String CMDLINE = "console=ttyS0 kexec-lab=kernel-code";
    private static final long RAM = 512L << 20;

    /** The architecture. */
    protected abstract Arch arch();

    /**
     * Why the engine named {@code engineName} cannot run this architecture's kernel code although
     * it runs the architecture (an instruction-set extension the kernel is built with and the
     * engine does not implement), as one sentence; null if it can.
     */
    protected String engineCannotRunKernelCode(String engineName) {
        return null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"unicorn", "java"})
    void kernelCode_fetchedKernel_relocatesItselfByteIdenticalToTheStub(String engineName) throws Exception {
        CpuEngine engine = Engines.named(engineName);
        Engines.assumeRuns(engine, arch());
        String cannot = engineCannotRunKernelCode(engineName);
        assumeTrue(cannot == null, cannot);
        Path file = RealVmlinuxes.fileOrSkip(arch());
        byte[] bytes = Files.readAllBytes(file);
        KernelCodeKexec kernel = KernelRelocations.machineKexec(Vmlinux.open(bytes, arch()));
        MachineKexec stub = Arches.support(arch()).machineKexec();
        LoadPlan plan = KernelLoader.withPurgatory(KernelLoader.plan(arch(), LoadRequest.of(bytes)
                .withInitrd("kexec-lab initrd\n".repeat(500).getBytes(StandardCharsets.US_ASCII))
                .withCmdline(CMDLINE).withRam(RAM), kernel.layout(RAM)));
        LoadedImage loaded = LoadedImage.load(plan.image(), LoadOptions.defaults().withControlPages(stub.controlPages()));
        String kernelDigest = relocate(kernel, loaded, plan, engine, file);
        String stubDigest = relocate(stub, loaded, plan, engine, file);
        assertEquals(stubDigest, kernelDigest, "destination memory after the kernel's code and after the stub");
    }

    private static String relocate(MachineKexec machine, LoadedImage loaded, LoadPlan plan, CpuEngine engine, Path file) {
        try (KexecRun run = KexecRun.prepare(machine, loaded, KexecOptions.defaults(), engine)) {
            KexecOutcome o = run.execute();
            assertTrue(o.verified(), () -> file.getFileName() + " by " + machine.stubName() + ": " + o.failures());
            assertEquals(o.pagesToCopy(), o.pagesCopied(), machine.stubName() + ": pages copied");
            String digest = DestinationDigest.of(loaded, run.cpu());
            KernelEntryLeg.Outcome leg = KernelEntryLeg.follow(run, plan.kernelEntry(), plan.bootRegisters());
            assertTrue(leg.verified(), () -> machine.stubName() + ", purgatory leg: " + leg.failures());
            System.out.printf("%s by %s on %s: %,d instructions, %,d pages, %.1f ms, destinations %s, entry %s%n",
                    file.getFileName(), machine.stubName(), o.engine(), o.instructions(), o.pagesCopied(),
                    o.elapsedNanos() / 1e6, digest.substring(0, 16), o.entryRegisters());
            return digest;
        }
    }
}
