package org.kexeclab.loader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;

/**
 * Where distribution kernels fetched by {@code scripts/fetch-kernels} are: the directory named
 * by the system property {@code kexeclab.kernels} or the environment's {@code KEXECLAB_KERNELS},
 * else {@code ~/.cache/kexec-lab/kernels}, laid out as {@code <debian-arch>/vmlinu[xz]-*}
 * (Debian's name of each architecture is its name or one of its plug-in's aliases, the names
 * Debian's archive uses). Plain files directly in
 * the directory count as kernels too. A folder naming no architecture this build has a plug-in
 * for (a cache shared with a newer checkout) is passed over. {@code compare --debian} reads it,
 * and the real-kernel tests skip when it is empty.
 */
public final class KernelCache {
    /** Environment variable naming the kernel directory. */
    public static final String ENV = "KEXECLAB_KERNELS";

    /** System property naming the kernel directory, before {@link #ENV} (for a JVM that cannot change its environment). */
    public static final String PROPERTY = "kexeclab.kernels";

    private KernelCache() {
    }

    /** The directory the cache would be in (it may not exist). */
    public static Path location() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv(ENV);
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "kexec-lab", "kernels");
    }

    /** The kernel directory, if it exists. */
    public static Optional<Path> dir() {
        Path p = location();
        return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    }

    /**
     * The folder {@code scripts/fetch-kernels} fills for {@code arch}: its name or one of its
     * aliases, the first of them that exists, else all of them joined by '/'.
     */
    public static String debianArch(Arch arch) {
        List<String> names = new ArrayList<>();
        names.add(arch.name());
        names.addAll(Arches.support(arch).aliases());
        Optional<Path> d = dir();
        for (String n : names) {
            if (d.isPresent() && Files.isDirectory(d.get().resolve(n))) {
                return n;
            }
        }
        return String.join("/", names);
    }

    /** Every kernel file: plain files at the top and {@code vmlinu*} files in the folders of registered architectures. */
    public static List<Path> all() {
        Optional<Path> d = dir();
        if (d.isEmpty()) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(d.get(), 2)) {
            return s.filter(Files::isRegularFile).filter(p -> isKernel(d.get(), p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first kernel in the folder of {@code arch}, if fetched. */
    public static Optional<Path> forArch(Arch arch) {
        return dir().flatMap(d -> all().stream().filter(p -> p.getParent().equals(d.resolve(debianArch(arch))))
                .findFirst());
    }

    private static boolean isKernel(Path root, Path p) {
        Path rel = root.relativize(p);
        if (rel.getNameCount() == 1) {
            return !rel.toString().startsWith(".");
        }
        String top = rel.getName(0).toString();
        return Arches.findByName(top).isPresent() && rel.getFileName().toString().startsWith("vmlinu");
    }
}
