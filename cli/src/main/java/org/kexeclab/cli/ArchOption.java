package org.kexeclab.cli;

import org.kexeclab.Arch;
import picocli.CommandLine.Option;

/**
 * The required {@code --arch} of the commands that work on one architecture, as one picocli
 * mixin: the name or an alias ({@link ArchConverter}), the registry's names in its help.
 */
final class ArchOption {
    @Option(names = "--arch", required = true, converter = ArchConverter.class, paramLabel = "ARCH",
            description = "${bundle:kexeclab.archOneOf}.")
    Arch arch;
}
