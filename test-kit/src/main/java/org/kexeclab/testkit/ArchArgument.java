package org.kexeclab.testkit;

import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.params.converter.ArgumentConverter;
import org.kexeclab.arch.Arches;

/**
 * Converts a parameterised test's argument, an architecture's name or alias in any case
 * ({@code "ppc64le"}, {@code "PPC64LE"}), to the registered architecture:
 * {@code @ConvertWith(ArchArgument.class) Arch arch}.
 */
public final class ArchArgument implements ArgumentConverter {
    @Override
    public Object convert(Object source, ParameterContext context) {
        return Arches.byName(source.toString());
    }
}
