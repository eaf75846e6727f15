package org.kexeclab.riscv.unicorn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.riscv.RiscvArches;
import org.kexeclab.riscv.RiscvRegister;
import org.kexeclab.riscv.RiscvRelocateKernel;
import org.kexeclab.testkit.Engines;

/**
 * What Unicorn 2.0.1 does with the RISC-V state kexec needs, measured (docs/RELIABILITY.md keeps
 * the same list): the hart starts in M-mode, CSRs are read and written through the API and by
 * instructions, satp takes Bare, Sv39, Sv48 and Sv57 and ignores other modes, an {@code mret}
 * to S-mode makes M-mode CSRs illegal, and an illegal instruction is reported 4 bytes past it, while
 * the pc register stays past it (the run's result names the instruction itself), a csrw to the
 * read-only mhartid is illegal, and a
 * write to sie sets mie's supervisor enables even where mideleg hides them from sie's reads.
 */
class RiscvUnicornFactsTest {
    private static final long CODE = 0x1000;

    @BeforeEach
    void needsUnicorn() {
        Engines.assumeRuns(Engines.unicorn(), RiscvArches.RISCV64);
    }

    private static Cpu load(String source) throws Exception {
        Stub s = RiscvRelocateKernel.assembler().assemble("facts", source, CODE, Map.of());
        Cpu cpu = Engines.unicorn().open(RiscvArches.RISCV64);
        cpu.map(0, 0x10000, Perm.ALL);
        cpu.write(CODE, s.bytes());
        return cpu;
    }

    @Test
    void reset_hartInMachineMode_machineCsrReadable() throws Exception {
        try (Cpu cpu = load("csrr a0, mstatus\ncsrr a1, mhartid\nli a2, 1\n")) {
            RunResult r = cpu.run(CODE, CODE + 12, RunLimits.budget(10));
            assertEquals(StopReason.REACHED_UNTIL, r.reason(), r::toString);
            assertEquals(0, cpu.readRegister(RiscvRegister.A0));
            assertEquals(0, cpu.readRegister(RiscvRegister.A1));
        }
    }

    @Test
    void satp_writes_takeBareSv39Sv48Sv57AndIgnoreOtherModes() throws Exception {
        try (Cpu cpu = load("nop\n")) {
            for (long mode = 0; mode < 16; mode++) {
                cpu.writeRegister(RiscvRegister.SATP, 0);
                cpu.writeRegister(RiscvRegister.SATP, mode << 60 | 0x123);
                boolean kept = mode == 0 || mode == 8 || mode == 9 || mode == 10;
                assertEquals(kept ? mode << 60 | 0x123 : 0, cpu.readRegister(RiscvRegister.SATP), "mode " + mode);
            }
        }
    }

    @Test
    void mretToSupervisor_machineCsrAccess_isIllegalReportedPastIt() throws Exception {
        String src = "li t1, 0x800\ncsrs mstatus, t1\nlla t2, s_mode\ncsrw mepc, t2\nmret\n"
                + "s_mode:\ncsrr a0, sstatus\ncsrr a1, mstatus\nnop\n";
        try (Cpu cpu = load(src)) {
            RunResult r = cpu.run(CODE, CODE + 0x40, RunLimits.budget(20));
            assertEquals(StopReason.INVALID_INSTRUCTION, r.reason(), r::toString);
            long csrrMstatus = CODE + 8 * 4;
            assertEquals(csrrMstatus, r.pc(), "the binding moves Unicorn's pc back onto the instruction");
        }
    }

    @Test
    void ebreak_endsTheRunAsAnInvalidInstruction() throws Exception {
        try (Cpu cpu = load("nop\nebreak\nnop\n")) {
            RunResult r = cpu.run(CODE, CODE + 12, RunLimits.budget(10));
            assertEquals(StopReason.INVALID_INSTRUCTION, r.reason(), r::toString);
            assertEquals(CODE + 4, r.pc());
        }
    }

    @Test
    void supervisorInterruptEnable_writesMieReadsThroughMideleg() throws Exception {
        try (Cpu cpu = load("nop\n")) {
            cpu.writeRegister(RiscvRegister.SIE, 0xfff);
            assertEquals(0, cpu.readRegister(RiscvRegister.SIE), "nothing delegated: sie reads 0");
            assertEquals(0x222, cpu.readRegister(RiscvRegister.MIE), "the write still set mie's supervisor enables");
            cpu.writeRegister(RiscvRegister.MIDELEG, 0x222);
            cpu.writeRegister(RiscvRegister.SIE, 0x222);
            assertEquals(0x222, cpu.readRegister(RiscvRegister.SIE));
            assertTrue((cpu.readRegister(RiscvRegister.MIE) & 0x222) == 0x222);
        }
    }

    @Test
    void csrWriteToReadOnlyMhartid_isIllegal_pcRegisterLeftPastIt() throws Exception {
        try (Cpu cpu = load("nop\ncsrw mhartid, a0\nnop\n")) {
            RunResult r = cpu.run(CODE, CODE + 12, RunLimits.budget(10));
            assertEquals(StopReason.INVALID_INSTRUCTION, r.reason(), r::toString);
            assertEquals(CODE + 4, r.pc());
            assertEquals(CODE + 8, cpu.readRegister(RiscvRegister.PC), "Unicorn's own pc stays past the refusal");
        }
    }
}
