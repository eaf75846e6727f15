package org.kexeclab.kexec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.engine.Register;

/** Boot-register names as {@code LoadPlan.bootRegisters()} spells them map to the engine's registers. */
class KernelEntryLegTest {

    private static Register register(String arch, String name) {
        Arch a = Arches.byName(arch);
        return KernelEntryLeg.register(a, Arches.support(a).registers(), name);
    }

    @Test
    void register_planNames_mapToEachArchitecturesRegister() {
        assertEquals("RSI", register("x86_64", "rsi").name());
        assertEquals("RIP", register("x86_64", "rip").name());
        assertEquals("X0", register("arm64", "x0").name());
        assertEquals("R2", register("arm", "r2").name());
        assertEquals("R3", register("ppc32", "r3").name());
        assertEquals("R5", register("ppc64le", "r5").name());
        assertTrue(Arches.support(Arches.byName("ppc64le")).registers().contains(register("ppc64le", "r5")));
    }

    @Test
    void register_otherArchitecturesName_refusedWithTheName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> register("arm64", "rsi"));
        assertTrue(e.getMessage().contains("'rsi'"), e.getMessage());
    }
}
