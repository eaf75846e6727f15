package org.kexeclab.kexec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kexeclab.Arch;
import org.kexeclab.engine.Arm64Register;
import org.kexeclab.engine.ArmRegister;
import org.kexeclab.engine.PpcRegister;
import org.kexeclab.engine.X86Register;

/** Boot-register names as {@code LoadPlan.bootRegisters()} spells them map to the engine's registers. */
class KernelEntryLegTest {

    @Test
    void register_planNames_mapToEachArchitecturesRegister() {
        assertEquals(X86Register.RSI, KernelEntryLeg.register(Arch.X86_64, "rsi"));
        assertEquals(X86Register.RIP, KernelEntryLeg.register(Arch.X86_64, "rip"));
        assertEquals(Arm64Register.X0, KernelEntryLeg.register(Arch.ARM64, "x0"));
        assertEquals(ArmRegister.R2, KernelEntryLeg.register(Arch.ARM, "r2"));
        assertEquals(PpcRegister.R3, KernelEntryLeg.register(Arch.PPC32, "r3"));
        assertEquals(PpcRegister.R5, KernelEntryLeg.register(Arch.PPC64LE, "r5"));
    }

    @Test
    void register_otherArchitecturesName_refusedWithTheName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelEntryLeg.register(Arch.ARM64, "rsi"));
        assertTrue(e.getMessage().contains("'rsi'"), e.getMessage());
    }
}
