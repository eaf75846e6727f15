package org.kexeclab.arm64.interp;

import org.junit.jupiter.api.Test;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.arm.ArmFixtures;
import org.kexeclab.testkit.Lockstep;

/** The Java engine's AArch64 reset state equals Unicorn's. */
class A64LockstepResetTest {
    @Test
    void reset_freshCpus_sameRegistersAsUnicorn() {
        try (Lockstep l = Lockstep.open(ArmFixtures.lockstep(ArmArches.ARM64), true)) {
            l.assertSameRegisters("arm64 reset");
        }
        try (Lockstep l = Lockstep.open(ArmFixtures.lockstep(ArmArches.ARM), true)) {
            l.assertSameRegisters("arm reset");
        }
    }
}
