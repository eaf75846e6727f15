package org.kexeclab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.kexeclab.engine.CpuEngine;
import org.kexeclab.image.DestinationDigest;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.load.KexecLoad;

/**
 * One relocation of an image by either relocator, the stub's {@link MachineKexec} or a kernel's
 * own code behind one, for the tests that compare the two on a synthetic kernel: loaded as
 * {@code kexec_load} would, run on an engine, checked verified with every page copied, and
 * summed up as the digest of the destination memory it left.
 */
public final class StubOrKernelCode {
    private StubOrKernelCode() {
    }

    /** The SHA-256 of {@code image}'s destinations after {@code machine} relocated it on {@code engine}. */
    public static String destinationDigest(MachineKexec machine, KexecImage image, CpuEngine engine) throws Exception {
        LoadedImage loaded = KexecLoad.load(machine, image,
                LoadOptions.defaults().withControlPages(machine.controlPages()), KexecOptions.defaults());
        try (KexecRun run = KexecRun.prepare(machine, loaded, KexecOptions.defaults(), engine)) {
            KexecOutcome o = run.execute();
            assertTrue(o.verified(), () -> machine.stubName() + ": " + o.failures());
            assertEquals(o.pagesToCopy(), o.pagesCopied(), machine.stubName() + ": pages counted");
            return DestinationDigest.of(loaded, run.cpu());
        }
    }
}
