package org.kexeclab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.loader.KernelCache;

/**
 * The kernel files {@code compare} puts side by side, from one of three ways of naming them:
 * {@code --kernel FILE} (its architecture read from the file unless {@code --arch} names one),
 * {@code --kernel-for ARCH=FILE...}, or {@code --debian} (the cache {@code scripts/fetch-kernels}
 * fills, {@link KernelCache}).
 */
final class KernelPicks {
    /** One kernel to compare: the architecture to load it for and its file. */
    record Pick(Arch arch, Path file) {
    }

    private KernelPicks() {
    }

    /**
     * The kernels the options name.
     *
     * @param archs    {@code --arch} as given ("all" when absent)
     * @param selected the architectures {@code --arch} names
     * @throws UsageException if more than one way is used, a pair is malformed or repeats an
     *                        architecture, or {@code --debian} finds nothing (saying how to fetch)
     */
    static List<Pick> pick(KernelOptions kernel, List<String> kernelFor, boolean debian, String archs,
                           List<Arch> selected) {
        int ways = (kernel.given() ? 1 : 0) + (kernelFor != null ? 1 : 0) + (debian ? 1 : 0);
        if (ways > 1) {
            throw new UsageException("--kernel, --kernel-for and --debian are three ways to name the kernels: use one");
        }
        boolean allArchs = archs.equalsIgnoreCase("all");
        if (kernel.given()) {
            if (!allArchs && selected.size() != 1) {
                throw new UsageException("--kernel FILE is one kernel: give one --arch, or none to read it from the file");
            }
            return List.of(new Pick(kernel.arch(allArchs ? null : selected.get(0)), kernel.kernel));
        }
        if (kernelFor != null) {
            if (!allArchs) {
                throw new UsageException("--kernel-for ARCH=FILE names the architectures itself: leave out --arch");
            }
            return pairs(kernelFor);
        }
        return fetched(allArchs, selected);
    }

    private static List<Pick> pairs(List<String> kernelFor) {
        List<Pick> picks = new ArrayList<>();
        for (String pair : kernelFor) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new UsageException("--kernel-for '" + pair + "': write ARCH=FILE, the architecture then its kernel file");
            }
            Arch arch;
            try {
                arch = Arches.byName(pair.substring(0, eq));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--kernel-for: " + e.getMessage());
            }
            if (picks.stream().anyMatch(p -> p.arch().equals(arch))) {
                throw new UsageException("--kernel-for names " + arch.name() + " twice: one kernel per architecture");
            }
            picks.add(new Pick(arch, Path.of(pair.substring(eq + 1))));
        }
        return picks;
    }

    private static List<Pick> fetched(boolean allArchs, List<Arch> selected) {
        List<Pick> picks = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Arch a : allArchs ? Arches.all() : selected) {
            Optional<Path> file = KernelCache.forArch(a).filter(Files::isRegularFile);
            file.ifPresentOrElse(f -> picks.add(new Pick(a, f)), () -> missing.add(a.name()));
        }
        if (picks.isEmpty() || !allArchs && !missing.isEmpty()) {
            throw new UsageException("no Debian kernel for " + (picks.isEmpty() && allArchs ? "any architecture"
                    : Text.and(missing)) + " in " + KernelCache.location() + ": fetch them with scripts/fetch-kernels "
                    + "(or name that folder with " + KernelCache.ENV + ")");
        }
        return picks;
    }
}
