package org.kexeclab.cli;

import java.nio.file.Path;
import org.kexeclab.Arch;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.kernelcode.RelocateWith;
import picocli.CommandLine.Option;

/**
 * Whose relocation code a single run uses: kexec-lab's stub (the default) or the code compiled
 * into a kernel file ({@code --relocate-with kernel}), taken from {@code --kernel} or
 * {@code --code-from}, named by its kallsyms or by {@code --system-map}.
 */
final class RelocatorOptions {
    @Option(names = "--relocate-with", defaultValue = "stub", paramLabel = "stub|kernel",
            description = "Relocate with kexec-lab's stub (default) or with the kernel's own relocation code, found "
                    + "in the --kernel file (or --code-from FILE) and called as that kernel's machine_kexec calls it.")
    String relocateWith;

    @Option(names = "--code-from", paramLabel = "FILE",
            description = "The kernel file whose relocation code --relocate-with kernel runs (default: the --kernel "
                    + "file).")
    Path codeFrom;

    @Option(names = "--system-map", paramLabel = "FILE",
            description = "A System.map for that kernel file, instead of the symbols its kallsyms table names.")
    Path systemMap;

    /** What {@code --relocate-with} names. */
    RelocateWith with() {
        return Relocators.parse(relocateWith, "--relocate-with");
    }

    /** The machine for {@code arch}; {@code kernelFile} is {@code --kernel}'s file or null. */
    MachineKexec machine(Arch arch, Path kernelFile) {
        RelocateWith with = with();
        if (with == RelocateWith.STUB && (codeFrom != null || systemMap != null)) {
            throw new UsageException("--code-from and --system-map go with --relocate-with kernel");
        }
        return Relocators.machine(arch, with, codeFrom != null ? codeFrom : kernelFile, systemMap);
    }
}
