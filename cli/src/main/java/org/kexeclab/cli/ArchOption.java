package org.kexeclab.cli;

import org.kexeclab.Arch;
import picocli.CommandLine.Option;

/**
 * The {@code --arch} of the commands that work on one architecture, as one picocli mixin: the
 * name or an alias ({@link ArchConverter}), the registry's names in its help. It may be left out
 * where the command loads a kernel file ({@code --kernel}), whose format says the architecture,
 * or replays a {@code kexec -d} log, whose flags say it.
 */
final class ArchOption {
    @Option(names = "--arch", converter = ArchConverter.class, paramLabel = "ARCH",
            description = "${bundle:kexeclab.archOneOf} (default with --kernel: the kernel file's; with --kexec-log: "
                    + "the log's).")
    Arch arch;

    /**
     * The architecture to work on: {@code --arch}; with {@code --kernel}, the one the kernel file
     * is for when {@code --arch} is absent (a disagreeing {@code --arch} is refused when the load is
     * planned, in the sentence {@code run} gives).
     *
     * @throws UsageException if neither says one
     */
    Arch resolve(KernelOptions kernel) {
        if (kernel != null && kernel.given()) {
            return kernel.arch(arch);
        }
        return require();
    }

    /**
     * {@code --arch}.
     *
     * @throws UsageException if it was not given
     */
    Arch require() {
        if (arch == null) {
            throw new UsageException("--arch ARCH is required (" + HelpTexts.archOneOf() + ")");
        }
        return arch;
    }
}
