package org.kexeclab.loader;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Distribution kernels, when present: every file in the directory named by the environment
 * variable {@code KEXECLAB_KERNELS} (e.g. {@code vmlinuz-6.1.0-50-cloud-amd64} extracted
 * from Debian's package) must parse as some kernel format and plan on its own architecture
 * with an initrd and a command line, keeping the planning invariants. Skipped when unset.
 */
class RealKernelsTest {

    @Test
    void plan_everyKernelInKexeclabKernels_parsesAndKeepsInvariants() throws Exception {
        String dir = System.getenv("KEXECLAB_KERNELS");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "KEXECLAB_KERNELS is not set to a directory");
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assumeTrue(!files.isEmpty(), "no kernels in " + dir);
        for (Path p : files) {
            planOne(p);
        }
    }

    private static void planOne(Path p) throws IOException, ImageFormatException, PlanningException, Exception {
        byte[] file = Files.readAllBytes(p);
        KernelImage k = KernelFormats.parseAny(file, Gzip.DEFAULT_MAX_SIZE);
        LoadRequest req = LoadRequest.of(file).withInitrd(new byte[1 << 20]).withCmdline("console=ttyS0 quiet")
                .withRam(1L << 30);
        LoadPlan plan = KernelLoader.plan(k.arch(), req);
        PlanInvariants.check(plan);
        System.out.println(p.getFileName() + ": " + k + "\n" + SegmentListing.format(plan));
    }
}
