package org.kexeclab.arm64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asmtest.TinyList;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.testkit.Engines;

/**
 * Runs the assembled arm64 stub on Unicorn over a tiny two-page list and checks the kernel's
 * boot contract: every destination byte, x0 = dtb, x1..x3 = 0, MMU and caches off.
 * Skipped when libunicorn is not installed.
 */
class Arm64RelocateKernelRunTest {

    private static final long RAM = 0x4000_0000L;
    private static final long CONTROL_PAGE = 0x4008_0000L;
    private static final long KEXEC_DATA = 0x4008_1000L;
    private static final long DTB = 0x4030_0000L;
    private static final long SCTLR_M_C_I = 1L | 1L << 2 | 1L << 12;

    @BeforeEach
    void needsUnicorn() {
        Engines.assumeRuns(Engines.unicorn(), ArmArches.ARM64);
    }

    /** Maps RAM, places the stub, the arch data block and the list, and runs to the entry. */
    private RunResult relocate(Cpu cpu, long head) throws AssemblyException {
        cpu.map(RAM, 16 << 20, Perm.ALL);
        TinyList.write(cpu, 8);
        cpu.write(CONTROL_PAGE, Arm64RelocateKernel.assemble(CONTROL_PAGE).bytes());
        new Arm64KexecData(TinyList.DESTINATION, DTB, head, 0).writeTo(cpu, KEXEC_DATA);
        cpu.writeRegister(Arm64Register.X0, KEXEC_DATA);
        cpu.writeRegister(Arm64Register.X1, 0x5555_5555L);
        cpu.writeRegister(Arm64Register.X2, 0x5555_5555L);
        cpu.writeRegister(Arm64Register.X3, 0x5555_5555L);
        return cpu.run(CONTROL_PAGE, TinyList.DESTINATION, RunLimits.budget(1_000_000));
    }

    private static void assertBootRegisters(Cpu cpu) {
        assertEquals(DTB, cpu.readRegister(Arm64Register.X0));
        assertEquals(0, cpu.readRegister(Arm64Register.X1));
        assertEquals(0, cpu.readRegister(Arm64Register.X2));
        assertEquals(0, cpu.readRegister(Arm64Register.X3));
        assertEquals(0, cpu.readRegister(Arm64Register.SCTLR_EL1) & SCTLR_M_C_I);
    }

    @Test
    void run_twoPagesAcrossTwoIndirectionPages_copiesEveryByteAndEntersWithDtbInX0() throws AssemblyException {
        try (Cpu cpu = Engines.unicorn().open(ArmArches.ARM64)) {
            RunResult result = relocate(cpu, TinyList.head());
            assertTrue(result.reachedUntil(), result.toString());
            assertArrayEquals(TinyList.expected(cpu), cpu.read(TinyList.DESTINATION, TinyList.LENGTH));
            assertBootRegisters(cpu);
        }
    }

    @Test
    void run_headIsDone_entersWithoutCopying() throws AssemblyException {
        try (Cpu cpu = Engines.unicorn().open(ArmArches.ARM64)) {
            RunResult result = relocate(cpu, 0x4);
            assertTrue(result.reachedUntil(), result.toString());
            assertTrue(Arrays.equals(new byte[TinyList.LENGTH], cpu.read(TinyList.DESTINATION, TinyList.LENGTH)),
                    "a DONE head must not copy anything");
            assertFalse(Arrays.equals(TinyList.expected(cpu), new byte[TinyList.LENGTH]));
            assertBootRegisters(cpu);
        }
    }
}
