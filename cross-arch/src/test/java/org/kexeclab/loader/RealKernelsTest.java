package org.kexeclab.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.loader.format.Gzip;
import org.kexeclab.loader.format.KernelImage;
import org.kexeclab.loader.log.SegmentListing;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.testkit.PlanInvariants;
import org.kexeclab.testkit.RealKernels;

/**
 * Distribution kernels, when present ({@link RealKernels}: {@code $KEXECLAB_KERNELS} or the
 * cache {@code scripts/fetch-kernels} fills; skipped otherwise): every kernel must parse as
 * some kernel format and plan on its own architecture with an initrd and a command line,
 * keeping the planning invariants. The relocation runs are in each arch module's
 * {@link RealKernelRunTest}; each format's comparison with kexec-tools is in its arch module.
 */
class RealKernelsTest {
    private static final String CMDLINE = "console=ttyS0 quiet";

    @Test
    void plan_everyFetchedKernel_parsesAndKeepsInvariants() throws Exception {
        List<Path> files = RealKernels.all();
        assumeTrue(!files.isEmpty(), "no kernels fetched (scripts/fetch-kernels, or set " + RealKernels.ENV + ")");
        for (Path p : files) {
            byte[] file = Files.readAllBytes(p);
            KernelImage k = KernelFormats.parseAny(file, Gzip.DEFAULT_MAX_SIZE);
            Path parent = p.getParent().getFileName();
            for (Arch a : Arches.all()) {
                if (parent != null && RealKernels.debianArch(a).equals(parent.toString())) {
                    assertEquals(a, k.arch(), p + " parsed as the wrong architecture");
                }
            }
            LoadPlan plan = KernelLoader.plan(k.arch(), LoadRequest.of(file).withInitrd(new byte[1 << 20])
                    .withCmdline(CMDLINE).withRam(1L << 30));
            PlanInvariants.check(plan);
            System.out.println(p.getFileName() + ": " + k.arch() + " " + k.getClass().getSimpleName() + "\n"
                    + SegmentListing.format(plan));
        }
    }
}
