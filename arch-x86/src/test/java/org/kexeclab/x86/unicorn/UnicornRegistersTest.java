package org.kexeclab.x86.unicorn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.unicorn.UnicornEngine;
import org.kexeclab.testkit.Engines;
import org.kexeclab.x86.X86Arches;
import org.kexeclab.x86.X86Register;

/** Reset values and registers as Unicorn 2.0.1 models them (see ENGINE-NOTES). */
class UnicornRegistersTest {
    private final UnicornEngine engine = Engines.unicorn();

    @Test
    void x86_resetState_isFlatLongModeWithCr0x11() {
        try (Cpu cpu = engine.open(X86Arches.X86_64)) {
            assertEquals(0x11, cpu.readRegister(X86Register.CR0) & 0xffff_ffffL);
            cpu.writeRegister(X86Register.CR3, 0x9000);
            assertEquals(0x9000, cpu.readRegister(X86Register.CR3));
        }
    }
}
