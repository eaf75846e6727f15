package org.kexeclab.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.kexeclab.Arch;
import org.kexeclab.loader.KernelCache;

/**
 * Where the real distribution kernels are, for tests: {@link KernelCache} (the directory named
 * by {@code KEXECLAB_KERNELS}, else {@code ~/.cache/kexec-lab/kernels}, what
 * {@code scripts/fetch-kernels} fills), plus {@code kexec-tools/sbin/kexec}. Tests skip when
 * nothing is there.
 */
public final class RealKernels {
    /** Environment variable naming the kernel directory. */
    public static final String ENV = KernelCache.ENV;

    private RealKernels() {
    }

    /** The kernel directory, if it exists. */
    public static Optional<Path> dir() {
        return KernelCache.dir();
    }

    /** The folder {@code scripts/fetch-kernels} fills for {@code arch} ({@link KernelCache#debianArch}). */
    public static String debianArch(Arch arch) {
        return KernelCache.debianArch(arch);
    }

    /** Every kernel file ({@link KernelCache#all}). */
    public static List<Path> all() {
        return KernelCache.all();
    }

    /** The first kernel in the folder of {@code arch}, if fetched. */
    public static Optional<Path> forArch(Arch arch) {
        return KernelCache.forArch(arch);
    }

    /** The fetched kexec-tools binary (amd64) and the folder of the libraries it needs. */
    public static Optional<Path> kexecTools() {
        return dir().map(d -> d.resolve("kexec-tools/sbin/kexec")).filter(Files::isExecutable);
    }
}
