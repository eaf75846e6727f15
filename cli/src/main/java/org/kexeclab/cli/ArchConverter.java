package org.kexeclab.cli;

import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import picocli.CommandLine;

/** Parses {@code --arch} with {@link Arch#fromName}, so aliases and the error sentence are shared. */
final class ArchConverter implements CommandLine.ITypeConverter<Arch> {
    @Override
    public Arch convert(String value) {
        try {
            return Arches.byName(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
