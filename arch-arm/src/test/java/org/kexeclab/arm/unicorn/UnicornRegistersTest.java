package org.kexeclab.arm.unicorn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.arm.ArmRegister;
import org.kexeclab.arm64.Arm64Register;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.unicorn.UnicornEngine;
import org.kexeclab.testkit.Engines;

/** Reset values and system registers as Unicorn 2.0.1 models them (see ENGINE-NOTES). */
class UnicornRegistersTest {
    private final UnicornEngine engine = Engines.unicorn();

    @Test
    void arm64_resetState_isEl1WithMmuOffAndSystemRegistersRoundTrip() {
        try (Cpu cpu = engine.open(ArmArches.ARM64)) {
            assertEquals(4, cpu.readRegister(Arm64Register.CURRENT_EL));
            assertEquals(0, cpu.readRegister(Arm64Register.SCTLR_EL1) & 1, "MMU off");
            cpu.writeRegister(Arm64Register.SCTLR_EL1, 0xc50839L);
            assertEquals(0xc50839L, cpu.readRegister(Arm64Register.SCTLR_EL1));
            cpu.writeRegister(Arm64Register.TTBR0_EL1, 0x4000_0000L);
            assertEquals(0x4000_0000L, cpu.readRegister(Arm64Register.TTBR0_EL1));
            cpu.writeRegister(Arm64Register.DAIF, 0x3c0);
            assertEquals(0x3c0, cpu.readRegister(Arm64Register.DAIF));
            assertEquals(4, cpu.readRegister(Arm64Register.CURRENT_EL), "writing DAIF kept EL1");
            cpu.writeRegister(Arm64Register.SPSR_EL1, 0x3c5);
            assertEquals(0x3c5, cpu.readRegister(Arm64Register.SPSR_EL1));
            assertThrows(IllegalArgumentException.class, () -> cpu.writeRegister(Arm64Register.CURRENT_EL, 8));
        }
    }

    @Test
    void arm_registersReadAs32Bits() {
        try (Cpu cpu = engine.open(ArmArches.ARM)) {
            cpu.writeRegister(ArmRegister.sp(), 0x1_2345_6789L);
            assertEquals(0x2345_6789L, cpu.readRegister(ArmRegister.R13));
        }
    }
}
