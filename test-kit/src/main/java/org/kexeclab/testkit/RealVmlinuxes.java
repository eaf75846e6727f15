package org.kexeclab.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.kexeclab.Arch;
import org.kexeclab.vmlinux.Vmlinux;

/**
 * The fetched distribution kernel of an architecture ({@link RealKernels}) opened as a
 * {@link Vmlinux}, or the test skipped with one sentence when none is fetched. Prints how
 * long decompressing and indexing took, and where the symbols came from.
 */
public final class RealVmlinuxes {
    private RealVmlinuxes() {
    }

    /** The fetched kernel file of {@code arch}; skips the test when there is none. */
    public static Path fileOrSkip(Arch arch) {
        Optional<Path> file = RealKernels.forArch(arch);
        assumeTrue(file.isPresent(), "no " + RealKernels.debianArch(arch) + " kernel fetched (scripts/fetch-kernels)");
        return file.get();
    }

    /** The fetched kernel of {@code arch}, opened; skips the test when there is none. */
    public static Vmlinux openOrSkip(Arch arch) throws Exception {
        Path file = fileOrSkip(arch);
        byte[] bytes = Files.readAllBytes(file);
        long t0 = System.nanoTime();
        Vmlinux v = Vmlinux.open(bytes, arch);
        long t1 = System.nanoTime();
        System.out.printf("%s: %s; open (decompress + index) %.0f ms%n", file.getFileName(), v, (t1 - t0) / 1e6);
        return v;
    }

    /** A System.map fetched beside the kernel ({@code <arch>/System.map-*}), if any. */
    public static Optional<Path> systemMap(Arch arch) throws Exception {
        Path dir = fileOrSkip(arch).getParent();
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("System.map")).findFirst();
        }
    }
}
