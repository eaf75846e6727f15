package org.kexeclab.arm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Stub;
import org.kexeclab.asmtest.TinyList;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.testkit.Engines;

/**
 * Runs the assembled arm stub on Unicorn over a tiny two-page list with a Thumb entry and
 * checks the kernel's boot contract: every destination byte, r0 = 0, r1 = machine type,
 * r2 = ATAGS/DTB, Thumb state. Skipped when libunicorn is not installed.
 */
class ArmRelocateKernelRunTest {

    private static final long RAM = 0x4000_0000L;
    private static final long CONTROL_PAGE = 0x4008_0000L;
    private static final long MACHINE_TYPE = 0xffff_ffffL;
    private static final long R2 = 0x4030_0000L;
    private static final long THUMB_START = TinyList.DESTINATION | 1;

    @BeforeEach
    void needsUnicorn() {
        Engines.assumeRuns(Engines.unicorn(), ArmArches.ARM);
    }

    private RunResult relocate(Cpu cpu, long indirectionPage) throws AssemblyException {
        cpu.map(RAM, 16 << 20, Perm.ALL);
        TinyList.write(cpu, 4);
        Stub stub = ArmRelocateKernel.withData(ArmRelocateKernel.assemble(CONTROL_PAGE),
                THUMB_START, indirectionPage, MACHINE_TYPE, R2);
        cpu.write(CONTROL_PAGE, stub.bytes());
        cpu.writeRegister(ArmRegister.R0, 0x5555_5555L);
        return cpu.run(CONTROL_PAGE, TinyList.DESTINATION, RunLimits.budget(1_000_000));
    }

    private static void assertBootRegisters(Cpu cpu) {
        assertEquals(0, cpu.readRegister(ArmRegister.R0));
        assertEquals(MACHINE_TYPE, cpu.readRegister(ArmRegister.R1));
        assertEquals(R2, cpu.readRegister(ArmRegister.R2));
        assertEquals(1, (cpu.readRegister(ArmRegister.CPSR) >> 5) & 1, "bx to an odd start enters Thumb");
    }

    @Test
    void run_twoPagesAcrossTwoIndirectionPages_copiesEveryByteAndEntersThumb() throws AssemblyException {
        try (Cpu cpu = Engines.unicorn().open(ArmArches.ARM)) {
            RunResult result = relocate(cpu, TinyList.FIRST_INDIRECTION);
            assertTrue(result.reachedUntil(), result.toString());
            assertArrayEquals(TinyList.expected(cpu), cpu.read(TinyList.DESTINATION, TinyList.LENGTH));
            assertBootRegisters(cpu);
        }
    }

    @Test
    void run_zeroIndirectionPage_entersWithoutCopying() throws AssemblyException {
        try (Cpu cpu = Engines.unicorn().open(ArmArches.ARM)) {
            RunResult result = relocate(cpu, 0);
            assertTrue(result.reachedUntil(), result.toString());
            assertArrayEquals(new byte[TinyList.LENGTH], cpu.read(TinyList.DESTINATION, TinyList.LENGTH));
            assertBootRegisters(cpu);
        }
    }
}
