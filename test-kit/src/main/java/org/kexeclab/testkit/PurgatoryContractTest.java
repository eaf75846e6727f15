package org.kexeclab.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.kexeclab.Arch;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.Segment;
import org.kexeclab.kexec.KernelEntryLeg;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.loader.KernelLoader;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlannedSegment;
import org.kexeclab.loader.plan.PlanningException;
import org.kexeclab.loader.plan.Purgatories;
import org.kexeclab.loader.plan.Purgatory;

/**
 * What every {@link Purgatory} must do, end to end: a small synthetic kernel of the
 * architecture's format is planned with an initrd, a command line (and a generated DTB where
 * the architecture takes one), the purgatory is added, the image relocates through the
 * arch's {@link MachineKexec} and {@link KexecRun} to the purgatory, and
 * {@link KernelEntryLeg} continues to the kernel entry, where every boot register must hold
 * the plan's value. Plus the purgatory's bytes against GNU as (the module's
 * {@code golden/purgatory/purgatory_<arch>.hex}, made by the {@code regen.sh} next to it).
 * Subclass it once per architecture (and engine).
 */
public abstract class PurgatoryContractTest {
    private static final byte[] INITRD = initrd();
    private static final String CMDLINE = "console=ttyS0 root=/dev/ram0 kexec-lab=purgatory";

    /** The purgatory under test. */
    protected abstract Purgatory purgatory();

    /** The architecture's relocation. */
    protected abstract MachineKexec machine();

    /** A kernel file of the architecture's format. */
    protected abstract byte[] kernel();

    /** The engine to run on (default: Unicorn). */
    protected CpuEngine engine() {
        return Engines.unicorn();
    }

    /** A small x86_64 bzImage. */
    protected static byte[] bzImage() {
        return SyntheticKernels.bzImage();
    }

    /** A small arm64 Image. */
    protected static byte[] arm64Image() {
        return SyntheticKernels.arm64Image();
    }

    /** A small arm zImage. */
    protected static byte[] zImage() {
        return SyntheticKernels.zImage();
    }

    /** A small powerpc ELF vmlinux for {@code arch}, linked at a virtual base as real ones are. */
    protected static byte[] ppcElf(Arch arch) {
        return arch.wordSize() == 4 ? SyntheticKernels.elf(false, false, 20, 0xc0000000L)
                : SyntheticKernels.elf(true, arch.byteOrder() == ByteOrder.LITTLE_ENDIAN, 21, 0xc000000000000000L);
    }

    private LoadPlan kernelPlan() throws Exception {
        return KernelLoader.plan(purgatory().arch(), LoadRequest.of(kernel()).withInitrd(INITRD).withCmdline(CMDLINE));
    }

    @Test
    void assemble_anyOrigin_matchesGnuAs() {
        byte[] golden = golden();
        assertArrayEquals(golden, purgatory().assemble(0).bytes(), "at origin 0");
        assertArrayEquals(golden, purgatory().assemble(0x7654_3000L).bytes(), "at origin 0x76543000");
    }

    @Test
    void withPurgatory_plannedLoad_placedInFreeRamAndEntered() throws Exception {
        LoadPlan plan = kernelPlan();
        LoadPlan with = plan.withPurgatory(purgatory());
        Segment p = with.segment(Purgatories.LABEL).segment();
        assertEquals(plan.segments().size() + 1, with.segments().size());
        assertEquals(0, p.mem() & 0xfff, "page-aligned");
        assertTrue(p.mem() + p.memsz() <= 1L << 32, "below 4 GiB");
        assertTrue(with.image().layout().allocatableRam().stream().anyMatch(r -> r.start() <= p.mem()
                && p.mem() + p.memsz() <= r.end()), "in allocatable RAM");
        for (PlannedSegment s : plan.segments()) {
            AddressRange other = AddressRange.of(s.segment().mem(), s.segment().memsz());
            assertTrue(p.mem() + p.memsz() <= other.start() || other.end() <= p.mem(), "overlaps " + s);
        }
        Stub stub = purgatory().assemble(p.mem());
        assertEquals(stub.symbol(Purgatory.ENTRY), with.image().entry());
        assertEquals(plan.image().entry(), with.kernelEntry());
        assertEquals(plan.bootRegisters(), with.bootRegisters());
        assertFalse(plan.hasPurgatory());
        assertTrue(with.hasPurgatory());
    }

    @Test
    void withPurgatory_twice_refused() throws Exception {
        LoadPlan with = kernelPlan().withPurgatory(purgatory());
        PlanningException e = assertThrows(PlanningException.class, () -> with.withPurgatory(purgatory()));
        assertTrue(e.getMessage().contains("already has a purgatory"), e.getMessage());
    }

    @Test
    void withPurgatory_otherArchitecturesPurgatory_refused() throws Exception {
        Purgatory mine = purgatory();
        Arch other = new Arch(mine.arch().name() + "_other", mine.arch().wordSize(), mine.arch().byteOrder(),
                mine.arch().pageSize());
        Purgatory foreign = new Purgatory() {
            @Override
            public Arch arch() {
                return other;
            }

            @Override
            public String sourceName() {
                return mine.sourceName();
            }

            @Override
            public Stub assemble(long origin) {
                return mine.assemble(origin);
            }
        };
        PlanningException e = assertThrows(PlanningException.class, () -> kernelPlan().withPurgatory(foreign));
        assertTrue(e.getMessage().contains("cannot start " + mine.arch().withArticle() + " kernel"), e.getMessage());
    }

    @Test
    void withPurgatory_registry_findsThisArchitecture() throws Exception {
        assertEquals(purgatory().getClass(), KernelLoader.purgatory(purgatory().arch()).getClass());
        assertEquals(kernelPlan().withPurgatory(purgatory()).image().entry(),
                KernelLoader.withPurgatory(kernelPlan()).image().entry());
    }

    @Test
    void run_plannedLoadWithPurgatory_reachesKernelEntryWithEveryBootRegister() throws Exception {
        LoadPlan plan = kernelPlan().withPurgatory(purgatory());
        try (KexecRun run = prepare(plan)) {
            KexecOutcome o = run.execute();
            assertTrue(o.verified(), () -> "relocation to the purgatory not verified: " + o.failures());
            assertNotNull(o.destinations());
            assertTrue(o.destinations().passed(), o.destinations()::describe);
            KernelEntryLeg.Outcome leg = KernelEntryLeg.follow(run, plan.kernelEntry(), plan.bootRegisters());
            assertTrue(leg.verified(), () -> "purgatory leg: " + leg.failures());
            assertTrue(leg.run().reachedUntil());
            Map<String, Long> want = plan.bootRegisters().entrySet().stream().collect(Collectors.toMap(
                    Map.Entry::getKey, e -> e.getValue() & mask(), (a, b) -> a, LinkedHashMap::new));
            assertEquals(want, leg.registers());
            assertFalse(want.isEmpty());
        }
    }

    @Test
    void follow_wrongExpectation_namesTheRegister() throws Exception {
        LoadPlan plan = kernelPlan().withPurgatory(purgatory());
        Map<String, Long> wrong = new LinkedHashMap<>(plan.bootRegisters());
        String first = wrong.keySet().iterator().next();
        wrong.put(first, wrong.get(first) ^ 0x40);
        try (KexecRun run = prepare(plan)) {
            assertTrue(run.execute().verified());
            KernelEntryLeg.Outcome leg = KernelEntryLeg.follow(run, plan.kernelEntry(), wrong);
            assertEquals(1, leg.failures().size(), leg.failures()::toString);
            assertTrue(leg.failures().get(0).startsWith("at the kernel entry " + first + " = "), leg.failures()::toString);
        }
    }

    @Test
    void follow_kernelEntryNeverReached_saysSo() throws Exception {
        LoadPlan plan = kernelPlan().withPurgatory(purgatory());
        Segment p = plan.segment(Purgatories.LABEL).segment();
        long never = p.mem() + p.memsz() - 16; // the purgatory's last bytes: never jumped to
        try (KexecRun run = prepare(plan)) {
            assertTrue(run.execute().verified());
            KernelEntryLeg.Outcome leg = KernelEntryLeg.follow(run, never, plan.bootRegisters(), 50);
            assertFalse(leg.verified());
            assertTrue(leg.failures().get(0).contains("did not reach the kernel entry"), leg.failures()::toString);
        }
    }

    @Test
    void run_purgatoryAloneWithJunkRegisters_setsEveryBootRegister() throws Exception {
        LoadPlan plan = kernelPlan().withPurgatory(purgatory());
        Segment p = plan.segment(Purgatories.LABEL).segment();
        byte[] code = new byte[(int) p.bufsz()];
        p.data().read(0, code, 0, code.length);
        Arch arch = purgatory().arch();
        try (Cpu cpu = engine().open(arch)) {
            for (AddressRange ram : plan.image().layout().ram()) {
                cpu.map(ram.start(), ram.size(), Perm.ALL);
            }
            cpu.write(p.mem(), code);
            long junk = 0x5a5a_5a5a_5a5a_5a5aL & mask();
            plan.bootRegisters().keySet().forEach(n -> cpu.writeRegister(KernelEntryLeg.register(arch, cpu.registers(), n), junk));
            RunResult r = cpu.run(plan.image().entry(), plan.kernelEntry(), RunLimits.budget(1000));
            assertTrue(r.reachedUntil(), r::message);
            for (Map.Entry<String, Long> e : plan.bootRegisters().entrySet()) {
                assertEquals(e.getValue() & mask(), cpu.readRegister(KernelEntryLeg.register(arch, cpu.registers(), e.getKey())) & mask(),
                        e.getKey());
            }
        }
    }

    private KexecRun prepare(LoadPlan plan) throws Exception {
        LoadedImage loaded = LoadedImage.load(plan.image(), LoadOptions.defaults().withControlPages(machine().controlPages()));
        return KexecRun.prepare(machine(), loaded, KexecOptions.defaults(), engine());
    }

    private long mask() {
        return purgatory().arch().wordSize() == 4 ? 0xffff_ffffL : -1L;
    }

    /** The committed GNU as bytes of this architecture's purgatory. */
    private byte[] golden() {
        return GoldenFile.hexBytes("/golden/purgatory/purgatory_" + purgatory().arch().name() + ".hex");
    }

    private static byte[] initrd() {
        byte[] b = new byte[0x5000];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 13 + 5);
        }
        return b;
    }
}
