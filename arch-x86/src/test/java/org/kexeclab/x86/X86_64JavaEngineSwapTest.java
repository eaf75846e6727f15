package org.kexeclab.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.testkit.Engines;
import org.kexeclab.testkit.TestImages;

/** x86_64 preserve-context swap and instruction counts on the Java engine, against Unicorn's. */
class X86_64JavaEngineSwapTest {
    private static final X86_64MachineKexec MACHINE = new X86_64MachineKexec();

    private static KexecOutcome run(KexecImage image, boolean swap, CpuEngine engine) throws Exception {
        LoadedImage loaded = LoadedImage.load(image, LoadOptions.defaults().withControlPages(MACHINE.controlPages()));
        try (KexecRun run = KexecRun.prepare(MACHINE, loaded, KexecOptions.defaults().withPreserveContext(swap), engine)) {
            return run.execute();
        }
    }

    @Test
    void preserveContext_threeSegments_sourcesHoldOldDestinationsOnJavaEngine() throws Exception {
        KexecOutcome o = run(TestImages.image(MACHINE, TestImages.spread(3, 20)), true, InterpEngine.instance());
        assertTrue(o.verified(), () -> "not verified: " + o.failures());
        assertNotNull(o.swappedSources(), "a swap run must check the source pages");
        assertTrue(o.swappedSources().passed(), o.swappedSources().describe());
        assertEquals(60, o.pagesCopied());
        assertTrue(o.probe().passed(), o.probe().toString());
    }

    @Test
    void instructions_copyAndSwap_sameCountAsUnicorn() throws Exception {
        KexecImage image = TestImages.image(MACHINE, TestImages.spread(3, 5));
        for (boolean swap : new boolean[] {false, true}) {
            KexecOutcome java = run(image, swap, InterpEngine.instance());
            KexecOutcome unicorn = run(image, swap, Engines.unicorn());
            assertTrue(java.verified(), () -> "not verified: " + java.failures());
            assertEquals(unicorn.instructions(), java.instructions(), "swap " + swap);
            assertEquals(unicorn.pagesCopied(), java.pagesCopied(), "swap " + swap);
        }
    }
}
