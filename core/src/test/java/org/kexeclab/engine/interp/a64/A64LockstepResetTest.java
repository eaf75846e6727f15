package org.kexeclab.engine.interp.a64;

import org.junit.jupiter.api.Test;
import org.kexeclab.Arch;

/** The Java engine's AArch64 reset state equals Unicorn's. */
class A64LockstepResetTest {
    @Test
    void reset_freshCpus_sameRegistersAsUnicorn() {
        try (Lockstep l = Lockstep.open(Arch.ARM64)) {
            l.assertSameRegisters("arm64 reset");
        }
        try (Lockstep l = Lockstep.open(Arch.ARM)) {
            l.assertSameRegisters("arm reset");
        }
    }
}
