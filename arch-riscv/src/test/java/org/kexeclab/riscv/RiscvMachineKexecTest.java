package org.kexeclab.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

/** The end-to-end kexec matrix for riscv64 on Unicorn, and riscv64's own boot protocol. */
class RiscvMachineKexecTest extends MachineKexecContractTest {

    private static final long KERNEL = 0x1000000;
    private static final long FDT = 0x1800000;

    @BeforeEach
    void needsEngine() {
        Engines.assumeRuns(engine(), RiscvArches.RISCV64);
    }

    @Override
    protected MachineKexec machine() {
        return new RiscvMachineKexec();
    }

    @Test
    void demoImage_noDeviceTree_entersWithHartIdMmuOffAndInterruptsOff() throws Exception {
        KexecOutcome o = run(DemoImage.build(machine(), false));
        assertVerified(o);
        Map<String, Long> regs = o.entryRegisters();
        assertEquals(RiscvMachineKexec.HART_ID, regs.get("a0"));
        assertEquals(0L, regs.get("a1"));
        assertEquals(0L, regs.get("satp"));
        assertEquals(0L, regs.get("sie"));
        assertEquals(DemoImage.KERNEL, regs.get("pc"));
        assertEquals(0L, o.probe().values().get("satp"));
        assertEquals(0L, o.probe().values().get("sie"));
    }

    @Test
    void deviceTreeSegments_firstValidHeaderWins_itsAddressArrivesInA1() throws Exception {
        long other = 0x1900000;
        KexecImage image = KexecImage.builder(RiscvArches.RISCV64)
                .layout(StandardMachine.layout(StandardMachine.DEFAULT_RAM).build())
                .entry(KERNEL)
                .segment(Segment.of(machine().entryProbe(KERNEL, StandardMachine.PROBE_RECORD).code(), KERNEL, 4096))
                .segment(Segment.of(fdtHeader(0x11), FDT, 4096))
                .segment(Segment.of(fdtHeader(0x11), other, 4096))
                .build();
        KexecOutcome o = run(image);
        assertVerified(o);
        assertEquals(FDT, RiscvMachineKexec.dtb(LoadedImage.load(image)));
        assertEquals(FDT, o.entryRegisters().get("a1"));
        assertEquals(FDT, o.probe().values().get("a1"));
    }

    @Test
    void deviceTree_magicWithoutAValidHeader_isNotOne() throws Exception {
        byte[] bad = fdtHeader(0x11);
        ByteBuffer.wrap(bad).putInt(24, 18); // last compatible version 18: newer than libfdt reads
        KexecImage image = KexecImage.builder(RiscvArches.RISCV64)
                .layout(StandardMachine.layout(StandardMachine.DEFAULT_RAM).build())
                .entry(KERNEL)
                .segment(Segment.of(machine().entryProbe(KERNEL, StandardMachine.PROBE_RECORD).code(), KERNEL, 4096))
                .segment(Segment.of(bad, FDT, 4096))
                .build();
        assertEquals(0L, RiscvMachineKexec.dtb(LoadedImage.load(image)));
    }

    @Test
    void probe_brokenProtocol_setsTheBitOfEachBrokenRule() {
        EntryProbe probe = machine().entryProbe(KERNEL, StandardMachine.PROBE_RECORD);
        try (Cpu cpu = engine().open(RiscvArches.RISCV64)) {
            cpu.map(0, 32L << 20, Perm.ALL);
            cpu.write(KERNEL, probe.code());
            cpu.writeRegister(RiscvRegister.A0, 3);
            cpu.writeRegister(RiscvRegister.A1, 0x1800004L);
            cpu.writeRegister(RiscvRegister.SATP, RiscvMachineKexec.OLD_KERNEL_SATP);
            cpu.writeRegister(RiscvRegister.SSTATUS, RiscvMachineKexec.SSTATUS_SIE);
            assertTrue(cpu.run(probe.entry(), probe.doneAddress(), RunLimits.budget(1000)).reachedUntil());
            EntryProbe.Record rec = probe.read(cpu, RiscvArches.RISCV64);
            assertTrue(rec.landed());
            assertEquals(List.of("a1 (device tree) is not 8-byte aligned", "satp is not 0 (MMU on)",
                    "sstatus.SIE is set (interrupts on)"), probe.failedChecks(rec.status()));
            assertEquals(3L, rec.values().get("a0"));
            assertEquals(RiscvMachineKexec.OLD_KERNEL_SATP, rec.values().get("satp"));
        }
    }

    @Test
    void checkMachineState_interruptsOn_namesTheBit() throws Exception {
        KexecImage image = DemoImage.build(machine(), false);
        try (Cpu cpu = engine().open(RiscvArches.RISCV64)) {
            cpu.writeRegister(RiscvRegister.SSTATUS, RiscvMachineKexec.SSTATUS_SIE);
            cpu.writeRegister(RiscvRegister.PC, image.entry());
            List<String> failures = machine().checkMachineState(LoadedImage.load(image), null, cpu);
            assertEquals(1, failures.size(), failures.toString());
            assertTrue(failures.get(0).contains("interrupts must be off"), failures.get(0));
        }
    }

    /** A 64-byte FDT header (version 17) whose blocks start inside its total size. */
    static byte[] fdtHeader(int version) {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.putInt(0, RiscvDeviceTree.FDT_MAGIC).putInt(4, 0x100).putInt(8, 0x38).putInt(12, 0x48).putInt(16, 0x80)
                .putInt(20, version).putInt(24, 16);
        return b.array();
    }
}
