package org.kexeclab;

import java.nio.ByteOrder;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.providers.ArbitraryProvider;
import net.jqwik.api.providers.TypeUsage;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.params.converter.ArgumentConverter;

/**
 * Architecture values for core's own tests, which need only a word size and a byte order:
 * core has no architecture of its own, so these stand in for the arch modules' (equal to
 * them by name, so sentences read as in production).
 */
public final class TestArches {
    /** 64-bit little-endian. */
    public static final Arch X86_64 = new Arch("x86_64", "an", 8, ByteOrder.LITTLE_ENDIAN, Arch.PAGE_SIZE);
    /** 64-bit little-endian. */
    public static final Arch ARM64 = new Arch("arm64", 8, ByteOrder.LITTLE_ENDIAN, Arch.PAGE_SIZE);
    /** 32-bit little-endian. */
    public static final Arch ARM = new Arch("arm", 4, ByteOrder.LITTLE_ENDIAN, Arch.PAGE_SIZE);
    /** 32-bit big-endian. */
    public static final Arch PPC32 = new Arch("ppc32", 4, ByteOrder.BIG_ENDIAN, Arch.PAGE_SIZE);
    /** 64-bit big-endian. */
    public static final Arch PPC64 = new Arch("ppc64", 8, ByteOrder.BIG_ENDIAN, Arch.PAGE_SIZE);
    /** 64-bit little-endian. */
    public static final Arch PPC64LE = new Arch("ppc64le", 8, ByteOrder.LITTLE_ENDIAN, Arch.PAGE_SIZE);

    /** Every one of them. */
    public static final Arch[] ALL = {X86_64, ARM64, ARM, PPC32, PPC64, PPC64LE};

    private TestArches() {
    }

    /** The one of {@link #ALL} called {@code name}, ignoring case. */
    public static Arch byName(String name) {
        for (Arch a : ALL) {
            if (a.name().equalsIgnoreCase(name.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("no test architecture " + name);
    }

    /** Converts a parameterised test's argument, an architecture's name, to the test architecture. */
    public static final class Converter implements ArgumentConverter {
        @Override
        public Object convert(Object source, ParameterContext context) {
            return byName(source.toString());
        }
    }

    /** Supplies {@link #ALL} to jqwik properties that take an {@code @ForAll Arch}. */
    public static final class Provider implements ArbitraryProvider {
        @Override
        public boolean canProvideFor(TypeUsage targetType) {
            return targetType.isOfType(Arch.class);
        }

        @Override
        public Set<Arbitrary<?>> provideFor(TypeUsage targetType, ArbitraryProvider.SubtypeProvider subtypeProvider) {
            return Set.of(Arbitraries.of(ALL));
        }
    }
}
