package org.kexeclab.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kexeclab.engine.StopReason;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.testkit.Engines;
import org.kexeclab.testkit.Lockstep;
import org.kexeclab.testkit.TestImages;

/**
 * The 32-bit arm relocation stub and entry probe, stepped in lockstep on the Java engine and Unicorn
 * over a small image (two one-page segments): every register and memory write equal after every
 * instruction, from the stub's first instruction to the probe's {@code probe_done} loop; and
 * KexecRun's block-hook instruction count equals the stepped count on both engines.
 */
class ArmStubLockstepTest {
    @Test
    void stubAndProbe_smallImage_everyStepMatchesUnicorn() throws Exception {
        MachineKexec machine = new ArmMachineKexec();
        LoadedImage loaded = LoadedImage.load(TestImages.image(machine, TestImages.spread(2, 1)),
                LoadOptions.defaults().withControlPages(machine.controlPages()));
        try (KexecRun j = KexecRun.prepare(machine, loaded, KexecOptions.defaults(), InterpEngine.instance());
             KexecRun u = KexecRun.prepare(machine, loaded, KexecOptions.defaults(), Engines.unicorn());
             Lockstep l = new Lockstep(ArmFixtures.lockstep(ArmArches.ARM), j.cpu(), u.cpu(), true)) {
            l.set(ArmRegister.R15, j.launch().begin());
            l.assertSameRegisters("prepared");
            long entry = loaded.image().entry();
            assertEquals(StopReason.REACHED_UNTIL, l.runTo(entry, 100_000, "arm stub"));
            long stub = l.steps();
            try (KexecRun counted = KexecRun.prepare(machine, loaded, KexecOptions.defaults(), InterpEngine.instance())) {
                assertEquals(stub, counted.execute().instructions(), "the Java engine's block-hook count");
            }
            try (KexecRun counted = KexecRun.prepare(machine, loaded, KexecOptions.defaults(), Engines.unicorn())) {
                assertEquals(stub, counted.execute().instructions(), "Unicorn's block-hook count");
            }
            assertEquals(StopReason.REACHED_UNTIL, l.runToSelfLoop(1_000, "arm probe"));
            assertTrue(stub > 1000, "the stub ran only " + stub + " instructions");
            assertTrue(l.steps() - stub > 20, "the probe ran only " + (l.steps() - stub) + " instructions");
        }
    }
}
