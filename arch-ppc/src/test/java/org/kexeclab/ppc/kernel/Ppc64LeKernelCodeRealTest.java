package org.kexeclab.ppc.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexeclab.Arch;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.MemoryAccess;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.kernelcode.KernelCodeKexec;
import org.kexeclab.kexec.kernelcode.KernelRelocations;
import org.kexeclab.loader.KernelLoader;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.ppc.LowVectors;
import org.kexeclab.ppc.Ppc64LeMachineKexec;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.testkit.RealKernelCodeTest;
import org.kexeclab.testkit.RealVmlinuxes;
import org.kexeclab.vmlinux.Vmlinux;

/**
 * Debian's ppc64el vmlinux relocated by its own {@code kexec_sequence} and by kexec-lab's stub
 * (skipped unless fetched; the Java engine only: Unicorn 2.0.1 has no ppc64le). Beyond the
 * shared destination digest, the stub here is called in hypervisor state as the kernel's code
 * is, so the two must also leave the same low vectors and the same entry registers; the run
 * prints the comparison row docs/LOADER.md quotes.
 */
class Ppc64LeKernelCodeRealTest extends RealKernelCodeTest {
    private static final long RAM = 512L << 20;
    private static final List<String> SAME_AT_ENTRY = List.of("r3", "r4", "r5", "lr", "msr", "pc");

    @Override
    protected Arch arch() {
        return PpcArches.PPC64LE;
    }

    /** One run's figures. */
    private record Figures(String name, KexecOutcome outcome, byte[] lowVectors, long loads, long stores) {
    }

    @Test
    void kernelCode_fetchedKernel_leavesTheStubsLowVectorsAndEntryRegisters() throws Exception {
        Path file = RealVmlinuxes.fileOrSkip(arch());
        byte[] bytes = Files.readAllBytes(file);
        KernelCodeKexec kernel = KernelRelocations.machineKexec(Vmlinux.open(bytes, arch()));
        LoadPlan plan = KernelLoader.withPurgatory(KernelLoader.plan(arch(), LoadRequest.of(bytes)
                .withInitrd("kexec-lab initrd stand-in\n".repeat(2000).getBytes(StandardCharsets.US_ASCII))
                .withCmdline("console=hvc0").withRam(RAM), kernel.layout(RAM)));
        LoadedImage loaded = LoadedImage.load(plan.image(), LoadOptions.defaults());
        KexecSequenceFacts facts = ((Ppc64LeKernelCodeKexec) kernel).call().facts();
        System.out.printf("%s; %d ftrace sites, paca hw_cpu_id %d, canary %d, kexec_stack frame %d, %s%n",
                kernel.describe(), facts.ftrace().count(), facts.hwCpuId(), facts.canary(), facts.stackFrame(),
                facts.kimage());
        Figures k = run(kernel, loaded);
        Figures s = run(new Ppc64LeMachineKexec(true), loaded);
        for (Figures f : List.of(k, s)) {
            KexecOutcome o = f.outcome();
            System.out.printf("%s: %,d instructions, %,d pages of 0x%x, %,.0f instructions a page, %,d loads, "
                    + "%,d stores%n", f.name(), o.instructions(), o.pagesCopied(), loaded.image().pageSize(),
                    (double) o.instructions() / o.pagesCopied(), f.loads(), f.stores());
            assertTrue(o.verified(), () -> f.name() + ": " + o.failures());
        }
        assertArrayEquals(s.lowVectors(), k.lowVectors(), "physical [0, 0x100)");
        for (String r : SAME_AT_ENTRY) {
            assertEquals(s.outcome().entryRegisters().get(r), k.outcome().entryRegisters().get(r), r);
        }
    }

    private static Figures run(MachineKexec machine, LoadedImage loaded) {
        try (KexecRun run = KexecRun.prepare(machine, loaded, KexecOptions.defaults().withProbe(false),
                InterpEngine.instance())) {
            Cpu cpu = run.cpu();
            long entry = loaded.image().entry();
            long[] counts = new long[2];
            boolean[] done = {false};
            cpu.onCode((a, size) -> done[0] = true, entry, entry);
            cpu.onMemory((kind, a, size, v) -> {
                if (!done[0]) {
                    counts[kind == MemoryAccess.WRITE ? 1 : 0]++;
                }
            }, Perm.READ | Perm.WRITE, 1, 0);
            KexecOutcome o = run.execute();
            return new Figures(machine.stubName(), o, cpu.read(0, LowVectors.SIZE), counts[0], counts[1]);
        }
    }
}
