package org.kexeclab.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.Segment;
import org.kexeclab.kexec.DemoImage;
import org.kexeclab.kexec.EntryProbe;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.testkit.Engines;
import org.kexeclab.testkit.MachineKexecContractTest;

/** arm64 through the end-to-end matrix, plus the dtb convention and the probe's own checks. */
class Arm64MachineKexecTest extends MachineKexecContractTest {

    private static final long KERNEL = 0x1000000;
    private static final long FDT = 0x1800000;

    @BeforeEach
    void needsEngine() {
        Engines.assumeRuns(engine(), ArmArches.ARM64);
    }

    @Override
    protected MachineKexec machine() {
        return new Arm64MachineKexec();
    }

    @Test
    void demoImage_noDeviceTree_entersWithX0ZeroDaifMaskedAndCachesOff() throws Exception {
        KexecOutcome o = run(DemoImage.build(machine(), false));
        assertVerified(o);
        Map<String, Long> regs = o.entryRegisters();
        assertEquals(0L, regs.get("x0"));
        assertEquals(Arm64MachineKexec.DAIF_MASKED, regs.get("daif"));
        assertEquals(DemoImage.KERNEL, regs.get("pc"));
        long sctlr = regs.get("sctlr_el1");
        assertEquals(0, sctlr & (Arm64MachineKexec.SCTLR_M | Arm64MachineKexec.SCTLR_C | Arm64MachineKexec.SCTLR_I));
        assertEquals(sctlr, o.probe().values().get("sctlr_el1"));
    }

    @Test
    void fdtSegment_startsWithMagic_itsAddressArrivesInX0() throws Exception {
        KexecImage image = KexecImage.builder(ArmArches.ARM64)
                .layout(StandardMachine.layout(StandardMachine.DEFAULT_RAM).build())
                .entry(KERNEL)
                .segment(Segment.of(machine().entryProbe(KERNEL, StandardMachine.PROBE_RECORD).code(), KERNEL, 4096))
                .segment(Segment.of(new byte[] {(byte) 0xd0, 0x0d, (byte) 0xfe, (byte) 0xed, 0, 0, 0x10, 0}, FDT, 4096))
                .build();
        KexecOutcome o = run(image);
        assertVerified(o);
        assertEquals(FDT, Arm64MachineKexec.dtb(LoadedImage.load(image)));
        assertEquals(FDT, o.entryRegisters().get("x0"));
        assertEquals(FDT, o.probe().values().get("x0"));
    }

    @Test
    void probe_brokenProtocol_setsTheBitOfEachBrokenRule() {
        EntryProbe probe = machine().entryProbe(KERNEL, StandardMachine.PROBE_RECORD);
        try (Cpu cpu = engine().open(ArmArches.ARM64)) {
            cpu.map(0, 32L << 20, Perm.ALL);
            cpu.write(KERNEL, probe.code());
            cpu.writeRegister(Arm64Register.X0, 0x1800004L);
            cpu.writeRegister(Arm64Register.X1, 0);
            cpu.writeRegister(Arm64Register.X2, 0);
            cpu.writeRegister(Arm64Register.X3, 7);
            cpu.writeRegister(Arm64Register.DAIF, 0x80);
            cpu.writeRegister(Arm64Register.SCTLR_EL1, Arm64MachineKexec.OLD_KERNEL_SCTLR);
            assertTrue(cpu.run(probe.entry(), probe.doneAddress(), RunLimits.budget(1000)).reachedUntil());
            EntryProbe.Record rec = probe.read(cpu, ArmArches.ARM64);
            assertTrue(rec.landed());
            assertEquals(List.of("x0 (dtb) is not 8-byte aligned", "x3 is not 0", "SCTLR_EL1.C is set (data cache on)",
                    "DAIF is not fully masked"), probe.failedChecks(rec.status()));
            assertEquals(0x1800004L, rec.values().get("x0"));
            assertEquals(7L, rec.values().get("x3"));
        }
    }

    @Test
    void checkMachineState_dataCacheStillOn_namesTheBit() throws Exception {
        KexecImage image = DemoImage.build(machine(), false);
        try (Cpu cpu = engine().open(ArmArches.ARM64)) {
            cpu.writeRegister(Arm64Register.SCTLR_EL1, Arm64MachineKexec.OLD_KERNEL_SCTLR);
            cpu.writeRegister(Arm64Register.PC, image.entry());
            List<String> failures = machine().checkMachineState(LoadedImage.load(image), null, cpu);
            assertEquals(1, failures.size(), failures.toString());
            assertTrue(failures.get(0).contains("data cache"), failures.get(0));
        }
    }
}
