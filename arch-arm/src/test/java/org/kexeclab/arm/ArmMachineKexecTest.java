package org.kexeclab.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.Segment;
import org.kexeclab.image.SegmentData;
import org.kexeclab.kexec.DemoImage;
import org.kexeclab.kexec.EntryProbe;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.testkit.Engines;
import org.kexeclab.testkit.MachineKexecContractTest;

/** 32-bit arm through the end-to-end matrix, plus r2's rule, Thumb entry and the probe's own checks. */
class ArmMachineKexecTest extends MachineKexecContractTest {

    private static final long KERNEL = 0x1000000;
    private static final long FDT = 0x1800000;

    @BeforeEach
    void needsEngine() {
        Engines.assumeRuns(engine(), ArmArches.ARM);
    }

    @Override
    protected MachineKexec machine() {
        return new ArmMachineKexec();
    }

    private static KexecImage.Builder kernelAt(long entry) {
        return KexecImage.builder(ArmArches.ARM).layout(StandardMachine.layout(StandardMachine.DEFAULT_RAM).build()).entry(entry);
    }

    @Test
    void demoImage_noDeviceTree_r2IsTheAtagsAddressBelowTheEntry() throws Exception {
        KexecOutcome o = run(DemoImage.build(machine(), false));
        assertVerified(o);
        long atags = DemoImage.KERNEL - 0x8000 + 0x1000;
        assertEquals(0L, o.entryRegisters().get("r0"));
        assertEquals(ArmMachineKexec.MACHINE_TYPE, o.entryRegisters().get("r1"));
        assertEquals(atags, o.entryRegisters().get("r2"));
        assertEquals(atags, o.probe().values().get("r2"));
        assertEquals(0L, o.entryRegisters().get("cpsr") & ArmMachineKexec.CPSR_T);
        assertEquals(ArmMachineKexec.OLD_KERNEL_CPSR, o.probe().values().get("cpsr") & 0xff);
    }

    @Test
    void fdtSegments_twoStartWithMagic_theLastArrivesInR2() throws Exception {
        byte[] fdt = {(byte) 0xd0, 0x0d, (byte) 0xfe, (byte) 0xed, 0, 0, 0x10, 0};
        KexecImage image = kernelAt(KERNEL)
                .segment(Segment.of(machine().entryProbe(KERNEL, StandardMachine.PROBE_RECORD).code(), KERNEL, 4096))
                .segment(Segment.of(fdt, FDT - 0x10000, 4096))
                .segment(Segment.of(fdt, FDT, 4096))
                .build();
        KexecOutcome o = run(image);
        assertVerified(o);
        assertEquals(FDT, o.entryRegisters().get("r2"));
        assertEquals(FDT, o.probe().values().get("r2"));
    }

    @Test
    void thumbEntry_oddStart_entersThumbStateAtTheEvenAddress() throws Exception {
        KexecImage image = kernelAt(KERNEL | 1).segment(SegmentData.generated(8192, 7), KERNEL, 8192).build();
        LoadedImage loaded = LoadedImage.load(image, LoadOptions.defaults().withControlPages(machine().controlPages()));
        try (KexecRun run = KexecRun.prepare(machine(), loaded, KexecOptions.defaults(), engine())) {
            KexecOutcome o = run.execute();
            assertTrue(o.verified(), () -> "not verified: " + o.failures());
            assertNull(o.probe(), "there is no Thumb probe: the A32 probe must not run at a Thumb entry");
            assertEquals(ArmMachineKexec.CPSR_T, run.cpu().readRegister(ArmRegister.CPSR) & ArmMachineKexec.CPSR_T);
            assertEquals(KERNEL, run.cpu().readRegister(ArmRegister.pc()));
            assertEquals(2, o.pagesCopied());
        }
    }

    @Test
    void probe_brokenProtocol_setsTheBitOfEachBrokenRule() {
        EntryProbe probe = machine().entryProbe(KERNEL, StandardMachine.PROBE_RECORD);
        try (Cpu cpu = engine().open(ArmArches.ARM)) {
            cpu.map(0, 32L << 20, Perm.ALL);
            cpu.write(KERNEL, probe.code());
            cpu.writeRegister(ArmRegister.R0, 1);
            cpu.writeRegister(ArmRegister.R1, 0x0c1c);
            cpu.writeRegister(ArmRegister.R2, 0x1000002L);
            cpu.writeRegister(ArmRegister.CPSR, 0x1f);
            assertTrue(cpu.run(probe.entry(), probe.doneAddress(), RunLimits.budget(1000)).reachedUntil());
            EntryProbe.Record rec = probe.read(cpu, ArmArches.ARM);
            assertTrue(rec.landed());
            assertEquals(List.of("r0 is not 0", "r1 is not the machine type kexec passes",
                    "r2 (ATAGS/DTB address) is not word-aligned", "CPSR mode is neither SVC nor HYP",
                    "IRQ or FIQ is not masked"), probe.failedChecks(rec.status()));
            assertEquals(0x0c1cL, rec.values().get("r1"));
            assertEquals(0x1fL, rec.values().get("cpsr") & 0xff);
        }
    }

    @Test
    void checkMachineState_userModeArmStateAtThumbEntry_namesStateAndMode() throws Exception {
        KexecImage image = kernelAt(KERNEL | 1).segment(SegmentData.generated(4096, 7), KERNEL, 4096).build();
        try (Cpu cpu = engine().open(ArmArches.ARM)) {
            cpu.writeRegister(ArmRegister.CPSR, 0x10);
            List<String> failures = machine().checkMachineState(LoadedImage.load(image), null, cpu);
            assertEquals(3, failures.size(), failures.toString());
            assertTrue(failures.get(0).contains("ARM state"), failures.get(0));
            assertTrue(failures.get(2).contains("SVC or HYP"), failures.get(2));
        }
    }

    @Test
    void indirectionPage_crashImage_isZero() throws Exception {
        KexecImage crash = DemoImage.build(machine(), true);
        assertEquals(0, ArmMachineKexec.indirectionPage(LoadedImage.load(crash)));
        LoadedImage normal = LoadedImage.load(DemoImage.build(machine(), false));
        assertEquals(normal.head() & ~0xfffL, ArmMachineKexec.indirectionPage(normal));
        assertTrue(ArmMachineKexec.indirectionPage(normal) != 0);
    }
}
