package org.kexeclab.cli;

import org.kexeclab.Arch;
import picocli.CommandLine;

/**
 * Parses the architecture names users type with {@link Arch#fromName}, so aliases and the
 * error sentence are shared: as picocli's converter for {@code --arch}, and through
 * {@link #parse} for lists such as {@code compare --arch x86_64,ppc32}.
 */
final class ArchConverter implements CommandLine.ITypeConverter<Arch> {
    @Override
    public Arch convert(String value) {
        try {
            return Arch.fromName(value);
        } catch (IllegalArgumentException unknownName) {
            throw new CommandLine.TypeConversionException(unknownName.getMessage());
        }
    }

    /** The architecture {@code value} names; an unknown name is a usage error (exit 2). */
    static Arch parse(String value) {
        try {
            return Arch.fromName(value);
        } catch (IllegalArgumentException unknownName) {
            throw new UsageException(unknownName.getMessage(), unknownName);
        }
    }
}
