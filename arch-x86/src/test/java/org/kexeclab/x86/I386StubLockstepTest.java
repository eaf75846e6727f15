package org.kexeclab.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.testkit.Engines;
import org.kexeclab.testkit.Lockstep;
import org.kexeclab.testkit.TestImages;

/**
 * The real i386 relocation stub and entry probe, prepared identically on the Java engine and on
 * Unicorn (both in 32-bit protected mode) and stepped in lockstep from {@code relocate_kernel}
 * until the probe's branch-to-self: every general register, EIP, EFLAGS (AF masked: the stub's
 * logic instructions leave it undefined), CR0/CR3/CR4 and every memory write agree after every
 * instruction.
 */
class I386StubLockstepTest {
    private static final I386MachineKexec MACHINE = new I386MachineKexec();
    private static final long AF = 0x10;
    private static final int MAX_STEPS = 100_000;

    private static KexecRun prepare(KexecImage image, boolean swap, org.kexeclab.engine.CpuEngine engine) throws Exception {
        LoadedImage loaded = LoadedImage.load(image, LoadOptions.defaults().withControlPages(MACHINE.controlPages()));
        return KexecRun.prepare(MACHINE, loaded, KexecOptions.defaults().withPreserveContext(swap), engine);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void stubAndProbe_stepByStep_javaMatchesUnicorn(boolean swap) throws Exception {
        KexecImage image = TestImages.image(MACHINE, TestImages.spread(2, 2));
        KexecRun java = prepare(image, swap, InterpEngine.instance());
        KexecRun unicorn = prepare(image, swap, Engines.unicorn());
        try (Lockstep l = new Lockstep(X86Fixtures.lockstepI386(), java.cpu(), unicorn.cpu(), true)) {
            l.set(I386Register.EIP, java.launch().begin());
            int steps = 0;
            boolean entered = false;
            while (steps < MAX_STEPS) {
                long rip = l.java().readRegister(I386Register.EIP);
                entered |= rip == image.entry();
                String diff = l.stepHere(AF);
                steps++;
                assertEquals("", diff, String.format("after step %d at 0x%x", steps, rip));
                if (l.java().readRegister(I386Register.EIP) == rip) {
                    break;
                }
            }
            assertTrue(entered, "the stub reached the image entry");
            assertTrue(steps < MAX_STEPS, "the probe reached its branch-to-self");
        }
    }
}
