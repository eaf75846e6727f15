package org.kexeclab.cli;

import org.kexeclab.Arch;
import picocli.CommandLine;

/** Parses {@code --arch} with {@link Arch#fromName}, so aliases and the error sentence are shared. */
final class ArchConverter implements CommandLine.ITypeConverter<Arch> {
    @Override
    public Arch convert(String value) {
        try {
            return Arch.fromName(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
