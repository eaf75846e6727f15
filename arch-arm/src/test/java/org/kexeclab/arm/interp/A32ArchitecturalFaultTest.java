package org.kexeclab.arm.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.arm.ArmRegister;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.testkit.Programs;

/**
 * Where the Java engine follows the architecture rather than Unicorn 2.0.1 (which has no such
 * checks): an unaligned {@code ldm} is an alignment fault, and unpredictable encodings stop as
 * invalid instructions naming their bytes.
 */
class A32ArchitecturalFaultTest {
    private static final long CODE = 0x10000;
    private static final long DATA = 0x20000;

    private static Cpu load(byte[] code) {
        Cpu cpu = InterpEngine.instance().open(ArmArches.ARM);
        cpu.map(CODE, 0x1000, Perm.ALL);
        cpu.map(DATA, 0x1000, Perm.READ | Perm.WRITE);
        cpu.write(CODE, code);
        return cpu;
    }

    private static Cpu load(String source) {
        return load(Programs.bytes(ArmArches.ARM, CODE, source));
    }

    @Test
    void ldm_unalignedBase_alignmentFaultWithRegistersUnchanged() {
        try (Cpu cpu = load("ldmia r0!, {r1, r2}")) {
            cpu.writeRegister(ArmRegister.R0, DATA + 2);
            RunResult r = cpu.run(CODE, CODE + 4, RunLimits.NONE);
            assertEquals(StopReason.CPU_EXCEPTION, r.reason(), r.message());
            assertEquals(A32Core.EXCP_DATA_ABORT, r.exceptionNumber());
            assertEquals(CODE, r.pc());
            assertEquals(DATA + 2, cpu.readRegister(ArmRegister.R0));
        }
    }

    @Test
    void ldm_alignedBase_loadsAndWritesBack() {
        try (Cpu cpu = load("ldmia r0!, {r1, r2}")) {
            cpu.write(DATA, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(7).putInt(9).array());
            cpu.writeRegister(ArmRegister.R0, DATA);
            RunResult r = cpu.run(CODE, CODE + 4, RunLimits.NONE);
            assertEquals(StopReason.REACHED_UNTIL, r.reason(), r.message());
            assertEquals(7, cpu.readRegister(ArmRegister.R1));
            assertEquals(9, cpu.readRegister(ArmRegister.R2));
            assertEquals(DATA + 8, cpu.readRegister(ArmRegister.R0));
        }
    }

    @Test
    void cmp_nonZeroRd_invalidInstructionNamingBytes() {
        // cmp r1, #1 with Rd = 7, where the architecture wants 0: no assembler writes it
        try (Cpu cpu = load(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0xe3517001).array())) {
            RunResult r = cpu.run(CODE, CODE + 4, RunLimits.NONE);
            assertEquals(StopReason.INVALID_INSTRUCTION, r.reason(), r.message());
            assertEquals(CODE, r.pc());
            assertTrue(r.message().contains("01 70 51 e3"), r.message());
        }
    }
}
