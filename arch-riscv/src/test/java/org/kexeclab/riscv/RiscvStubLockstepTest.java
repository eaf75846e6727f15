package org.kexeclab.riscv;

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

/** The riscv64 stub and entry probe, instruction by instruction, on the Java engine and Unicorn. */
class RiscvStubLockstepTest {
    @Test
    void stubAndProbe_smallImage_everyStepMatchesUnicorn() throws Exception {
        Engines.assumeRuns(Engines.unicorn(), RiscvArches.RISCV64);
        MachineKexec machine = new RiscvMachineKexec();
        LoadedImage loaded = LoadedImage.load(TestImages.image(machine, TestImages.spread(2, 1)),
                LoadOptions.defaults().withControlPages(machine.controlPages()));
        try (KexecRun j = KexecRun.prepare(machine, loaded, KexecOptions.defaults(), InterpEngine.instance());
             KexecRun u = KexecRun.prepare(machine, loaded, KexecOptions.defaults(), Engines.unicorn());
             Lockstep l = new Lockstep(RiscvFixtures.lockstep(), j.cpu(), u.cpu(), true)) {
            l.set(RiscvRegister.PC, j.launch().begin());
            l.assertSameRegisters("prepared");
            long entry = loaded.image().entry();
            assertEquals(StopReason.REACHED_UNTIL, l.runTo(entry, 100_000, "riscv64 stub"));
            long stub = l.steps();
            try (KexecRun counted = KexecRun.prepare(machine, loaded, KexecOptions.defaults(), InterpEngine.instance())) {
                assertEquals(stub, counted.execute().instructions(), "the Java engine's block-hook count");
            }
            try (KexecRun counted = KexecRun.prepare(machine, loaded, KexecOptions.defaults(), Engines.unicorn())) {
                assertEquals(stub, counted.execute().instructions(), "Unicorn's block-hook count");
            }
            assertEquals(StopReason.REACHED_UNTIL, l.runToSelfLoop(1_000, "riscv64 probe"));
            assertTrue(stub > 1000, "the stub ran only " + stub + " instructions");
            assertTrue(l.steps() - stub > 20, "the probe ran only " + (l.steps() - stub) + " instructions");
        }
    }
}
