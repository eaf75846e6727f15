package org.kexeclab.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.testkit.Engines;
import org.kexeclab.testkit.Lockstep;
import org.kexeclab.testkit.TestImages;

/**
 * The ppc32 relocation stub and then the entry probe, run instruction by instruction on Unicorn
 * and on the Java engine side by side (a one-page image, about 6,000 steps): every GPR, LR, CTR, CR, MSR and the PC
 * and every stored byte must agree after every step, from the stub's first instruction to the
 * probe's {@code probe_done}.
 */
class Ppc32StubLockstepTest {

    @Test
    void lockstep_stubThenProbe_everyStepAgreesUntilProbeDone() throws Exception {
        Engines.assumeRuns(Engines.unicorn(), PpcArches.PPC32);
        Ppc32MachineKexec m = new Ppc32MachineKexec();
        LoadedImage loaded = LoadedImage.load(TestImages.image(m, List.of(new TestImages.Seg(0x1000000, 4096, 4096))),
                LoadOptions.defaults().withControlPages(m.controlPages()));
        KexecRun reference = KexecRun.prepare(m, loaded, KexecOptions.defaults(), Engines.unicorn());
        KexecRun subject = KexecRun.prepare(m, loaded, KexecOptions.defaults(), InterpEngine.instance());
        long done = m.entryProbe(loaded.image().entry(), StandardMachine.PROBE_RECORD).doneAddress();
        long steps = 0;
        try (Lockstep pair = new Lockstep(PpcFixtures.lockstep(), subject.cpu(), reference.cpu(), true)) {
            long pc = reference.launch().begin();
            while (pc != done && steps < 200_000) {
                long at = pc;
                String diff = pair.step(at);
                long n = steps;
                assertEquals("", diff, () -> String.format("step %d at 0x%x:%n%s", n, at, diff));
                pc = pair.java().pc();
                steps++;
            }
            assertEquals(done, pc, "the probe's done label was not reached in " + steps + " steps");
        }
    }
}
