package org.kexeclab.ppc.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.HookHandle;
import org.kexeclab.engine.MemoryAccess;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.loader.KernelLoader;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.ppc.Ppc64LeMachineKexec;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.testkit.RealVmlinuxes;
import org.kexeclab.vmlinux.Vmlinux;

class KernelSequenceRealTest {
    private static final long RAM = 512L << 20;

    static final class Counts {
        long loads;
        long stores;
        boolean done;

        HookHandle[] attach(Cpu cpu, long entry) {
            return new HookHandle[] {cpu.onMemory((k, a, s, v) -> {
                if (!done) {
                    if (k == MemoryAccess.WRITE) {
                        stores++;
                    } else {
                        loads++;
                    }
                }
            }, Perm.READ | Perm.WRITE, 1, 0), cpu.onCode((a, s) -> done = true, entry, entry)};
        }
    }

    static byte[] digest(LoadedImage loaded, Cpu cpu) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (AddressRange d : loaded.oracle().destinations()) {
            md.update(cpu.read(d.start(), (int) d.size()));
        }
        md.update(cpu.read(0, 0x100));
        return md.digest();
    }

    @Test
    void run_debianVmlinux_relocatesItself() throws Exception {
        Vmlinux v = RealVmlinuxes.openOrSkip(PpcArches.PPC64LE);
        KexecSequenceCall call = KexecSequenceCall.of(v);
        MemoryLayout layout = StandardMachine.layout(RAM).pageSize(call.facts().pageSize())
                .reserve(call.allocations().start(), call.allocations().size(), call.allocations().label()).sparse().build();
        byte[] initrd = "kexec-lab initrd stand-in\n".repeat(2000).getBytes(StandardCharsets.US_ASCII);
        LoadPlan plan = KernelLoader.withPurgatory(KernelLoader.plan(PpcArches.PPC64LE,
                LoadRequest.of(Files.readAllBytes(RealVmlinuxes.fileOrSkip(PpcArches.PPC64LE))).withInitrd(initrd)
                        .withCmdline("console=hvc0").withRam(RAM), layout));
        LoadedImage loaded = LoadedImage.load(plan.image(), LoadOptions.defaults());
        System.out.println(loaded);
        KexecOutcome k;
        KexecOutcome s;
        byte[] kd;
        byte[] sd;
        Counts kc = new Counts();
        Counts sc = new Counts();
        try (KernelSequenceRun run = KernelSequenceRun.prepare(call, loaded, KexecOptions.defaults(), InterpEngine.instance())) {
            HookHandle[] h = kc.attach(run.cpu(), loaded.image().entry());
            k = run.execute();
            kd = digest(loaded, run.cpu());
        }
        try (KexecRun run = KexecRun.prepare(new Ppc64LeMachineKexec(true), loaded, KexecOptions.defaults(), InterpEngine.instance())) {
            sc.attach(run.cpu(), loaded.image().entry());
            s = run.execute();
            sd = digest(loaded, run.cpu());
        }
        System.out.printf("kernel: %d instructions, %d pages, %.1f/page, %d loads, %d stores, %s%n", k.instructions(), k.pagesCopied(), (double) k.instructions() / k.pagesCopied(), kc.loads, kc.stores, k.entryRegisters());
        System.out.printf("stub:   %d instructions, %d pages, %.1f/page, %d loads, %d stores, %s%n", s.instructions(), s.pagesCopied(), (double) s.instructions() / s.pagesCopied(), sc.loads, sc.stores, s.entryRegisters());
        assertTrue(k.verified(), () -> k.failures().toString());
        assertTrue(s.verified(), () -> s.failures().toString());
        assertArrayEquals(sd, kd);
        for (String r : new String[] {"r3", "r4", "r5", "lr", "msr", "pc"}) {
            assertEquals(s.entryRegisters().get(r), k.entryRegisters().get(r), r);
        }
    }
}
