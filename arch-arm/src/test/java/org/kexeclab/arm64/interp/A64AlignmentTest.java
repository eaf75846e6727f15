package org.kexeclab.arm64.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.arm64.Arm64Register;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.testkit.Programs;

/**
 * A64 alignment as the architecture has it (Unicorn 2.0.1 never checks): with the MMU off every
 * data access is to Device memory, so an unaligned one faults; with the MMU on, SCTLR_EL1.A decides.
 */
class A64AlignmentTest {
    private static final long CODE = 0x10000;
    private static final long DATA = 0x20000;

    private static RunResult loadAt(Cpu cpu, long address) {
        cpu.map(CODE, 0x1000, Perm.ALL);
        cpu.map(DATA, 0x1000, Perm.READ | Perm.WRITE);
        cpu.write(CODE, Programs.bytes(ArmArches.ARM64, CODE, "ldr x0, [x1]"));
        cpu.write(DATA, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(0x1122334455667788L)
                .putLong(0x99aabbccddeeff00L).array());
        cpu.writeRegister(Arm64Register.X0, 5);
        cpu.writeRegister(Arm64Register.X1, address);
        return cpu.run(CODE, CODE + 4, RunLimits.NONE);
    }

    @Test
    void ldr_unalignedWithMmuOff_alignmentFaultWithRegistersUnchanged() {
        try (Cpu cpu = InterpEngine.instance().open(ArmArches.ARM64)) {
            RunResult r = loadAt(cpu, DATA + 4);
            assertEquals(StopReason.CPU_EXCEPTION, r.reason(), r.message());
            assertEquals(A64Memory.EXCP_DATA_ABORT, r.exceptionNumber());
            assertEquals(CODE, r.pc());
            assertEquals(5, cpu.readRegister(Arm64Register.X0));
        }
    }

    @Test
    void ldr_unalignedWithMmuOnAndCheckOff_loads() {
        try (Cpu cpu = InterpEngine.instance().open(ArmArches.ARM64)) {
            cpu.writeRegister(Arm64Register.SCTLR_EL1, A64Core.RESET_SCTLR | 1);
            RunResult r = loadAt(cpu, DATA + 4);
            assertEquals(StopReason.REACHED_UNTIL, r.reason(), r.message());
            assertEquals(0xddeeff0011223344L, cpu.readRegister(Arm64Register.X0));
        }
    }

    @Test
    void ldr_alignedWithMmuOff_loads() {
        try (Cpu cpu = InterpEngine.instance().open(ArmArches.ARM64)) {
            RunResult r = loadAt(cpu, DATA + 8);
            assertEquals(StopReason.REACHED_UNTIL, r.reason(), r.message());
            assertEquals(0x99aabbccddeeff00L, cpu.readRegister(Arm64Register.X0));
        }
    }
}
