package org.kexeclab.reliability;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.Segment;
import org.kexeclab.kexec.KernelEntryLeg;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.Purgatories;
import org.kexeclab.loader.plan.Purgatory;
import org.kexeclab.testkit.Fuzz;
import org.kexeclab.x86.X86Arches;

/**
 * One run of {@link PurgatoryFuzzTest}: the planned purgatory, its data slots corrupted or not,
 * run either alone on a fresh CPU (RAM mapped, segments written) or after the architecture's
 * real relocation ({@link KexecRun}, then {@link KernelEntryLeg#follow}). Code Unicorn 2.0.1 would
 * die on (ppc timer SPRs, x86 far branches through a register) needs no guard here: the binding
 * refuses it ({@code TimerSprGuard}, {@code X86FarBranchGuard}).
 */
final class PurgatoryRuns {
    private final LoadPlan plan;
    private final Purgatory purgatory;
    private final CpuEngine engine;
    private final SplittableRandom r;
    private final String ctx;
    private final Arch arch;
    private final Segment segment;
    private boolean corrupted;

    PurgatoryRuns(LoadPlan plan, Purgatory purgatory, CpuEngine engine, SplittableRandom r, String ctx) {
        this.plan = plan;
        this.purgatory = purgatory;
        this.engine = engine;
        this.r = r;
        this.ctx = ctx;
        this.arch = plan.image().arch();
        this.segment = plan.segment(Purgatories.LABEL).segment();
    }

    /** Runs the case; returns its outcome label. */
    String run() {
        return r.nextInt(4) == 0 ? afterRelocation() : alone();
    }

    private String alone() {
        try (Cpu cpu = engine.open(arch)) {
            for (AddressRange ram : plan.image().layout().ram()) {
                cpu.map(ram.start(), ram.size(), Perm.ALL);
            }
            for (Segment s : plan.image().segments()) {
                byte[] b = new byte[(int) s.bufsz()];
                s.data().read(0, b, 0, b.length);
                cpu.write(s.mem(), b);
            }
            corrupt(cpu);
            RunResult res = cpu.run(plan.image().entry(), plan.kernelEntry() & mask(),
                    RunLimits.budget(PurgatoryFuzzTest.BUDGET).withTimeout(PurgatoryFuzzTest.TIME_LIMIT));
            return classify(res, cpu, "alone");
        }
    }

    private String afterRelocation() {
        MachineKexec machine = Arches.support(arch).machineKexec();
        LoadedImage loaded;
        try {
            loaded = LoadedImage.load(plan.image(), LoadOptions.defaults().withSeed(r.nextLong())
                    .withControlPages(machine.controlPages()));
        } catch (KexecLoadException e) {
            throw new AssertionError(ctx + ": a kernel and a purgatory in free RAM must load: " + e.getMessage(), e);
        }
        try (KexecRun run = KexecRun.prepare(machine, loaded, KexecOptions.defaults().withInstructionBudget(1_000_000),
                engine)) {
            KexecOutcome o = run.execute();
            if (!o.verified()) {
                throw new AssertionError(ctx + ": the relocation to the purgatory failed: " + o.failures());
            }
            corrupt(run.cpu());
            KernelEntryLeg.Outcome leg = KernelEntryLeg.follow(run, plan.kernelEntry() & mask(), plan.bootRegisters(),
                    PurgatoryFuzzTest.BUDGET);
            leg.failures().forEach(f -> Fuzz.assertOneSentence(f, ctx));
            expectReached(leg.verified(), leg.failures().toString());
            return "relocated " + (leg.verified() ? "kernel entry reached"
                    : leg.run().reachedUntil() ? "reached, registers corrupted" : leg.run().reason().toString());
        }
    }

    private String classify(RunResult res, Cpu cpu, String mode) {
        Fuzz.assertOneSentence(res.message(), ctx);
        if (res.reason() == StopReason.TIMEOUT) {
            throw new AssertionError(ctx + ": the purgatory ran to its time limit, not its budget: " + res);
        }
        boolean ok = res.reachedUntil();
        List<String> wrong = new ArrayList<>();
        if (ok) {
            for (Map.Entry<String, Long> e : plan.bootRegisters().entrySet()) {
                long v = cpu.readRegister(KernelEntryLeg.register(arch, cpu.registers(), e.getKey())) & mask();
                if (v != (e.getValue() & mask())) {
                    wrong.add(String.format("%s = 0x%x, not 0x%x", e.getKey(), v, e.getValue() & mask()));
                }
            }
        }
        expectReached(ok && wrong.isEmpty(), res + " " + wrong);
        return mode + " " + (ok ? (wrong.isEmpty() ? "kernel entry reached" : "reached, registers corrupted") : res.reason());
    }

    /** An uncorrupted purgatory must reach a plausible kernel entry with every register as planned. */
    private void expectReached(boolean reached, String what) {
        long entry = plan.kernelEntry();
        boolean plausible = (entry & mask()) == entry && PurgatoryFuzzTest.inRam(plan.image(), entry)
                && (arch == X86Arches.X86_64 || (entry & 3) == 0) && (entry < segment.mem() || entry >= segment.mem() + segment.memsz());
        if (!corrupted && plausible && !reached) {
            throw new AssertionError(ctx + ": an intact purgatory did not reach the kernel entry: " + what);
        }
    }

    /** With probability 1/2, lies in 1-3 data slots of the purgatory in the CPU's memory. */
    private void corrupt(Cpu cpu) {
        if (r.nextBoolean()) {
            return;
        }
        Stub stub = purgatory.assemble(segment.mem());
        List<String> slots = new ArrayList<>(List.of(Purgatory.KERNEL_ENTRY_SLOT));
        plan.bootRegisters().keySet().stream().map(Purgatory::slot).filter(stub::hasSymbol).forEach(slots::add);
        int word = arch.wordSize();
        for (int n = r.nextInt(1, 4); n > 0; n--) {
            long at = stub.symbol(slots.get(r.nextInt(slots.size())));
            byte[] b = new byte[word];
            cpu.read(at, b, 0, word);
            if (r.nextBoolean()) {
                b[r.nextInt(word)] ^= (byte) r.nextInt(1, 256);
            } else {
                ByteBuffer.wrap(b).order(arch.byteOrder()).put(0, longBytes(r.nextLong(), word));
            }
            cpu.write(at, b);
            corrupted = true;
        }
    }

    private byte[] longBytes(long v, int word) {
        ByteBuffer b = ByteBuffer.allocate(word).order(arch.byteOrder());
        if (word == 8) {
            b.putLong(v);
        } else {
            b.putInt((int) v);
        }
        return b.array();
    }

    private long mask() {
        return arch.wordSize() == 4 ? 0xffff_ffffL : -1L;
    }
}
