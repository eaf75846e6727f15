package org.kexeclab.ppc.unicorn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.unicorn.UnicornEngine;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.ppc.PpcRegister;
import org.kexeclab.testkit.Engines;

/** Reset values and registers as Unicorn 2.0.1 models them (see ENGINE-NOTES). */
class UnicornRegistersTest {
    private final UnicornEngine engine = Engines.unicorn();

    @Test
    void ppc32_resetMsrAndRegistersAre32Bits() {
        try (Cpu cpu = engine.open(PpcArches.PPC32)) {
            assertEquals(0x40, cpu.readRegister(PpcRegister.MSR));
            cpu.writeRegister(PpcRegister.CTR, 0xffff_ffff_0000_0010L);
            assertEquals(0x10, cpu.readRegister(PpcRegister.CTR));
        }
    }
}
