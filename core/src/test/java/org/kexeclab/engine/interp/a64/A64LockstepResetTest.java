package org.kexeclab.engine.interp.a64;

import org.junit.jupiter.api.Test;
import org.kexeclab.Arch;
import org.kexeclab.engine.interp.Lockstep;
import org.kexeclab.engine.interp.LockstepProfile;

/** The Java engine's AArch64 reset state equals Unicorn's. */
class A64LockstepResetTest {
    @Test
    void reset_freshCpus_sameRegistersAsUnicorn() {
        try (Lockstep l = Lockstep.open(LockstepProfile.arm(Arch.ARM64), true)) {
            l.assertSameRegisters("arm64 reset");
        }
        try (Lockstep l = Lockstep.open(LockstepProfile.arm(Arch.ARM), true)) {
            l.assertSameRegisters("arm reset");
        }
    }
}
