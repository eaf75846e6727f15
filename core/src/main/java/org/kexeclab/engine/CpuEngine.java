package org.kexeclab.engine;

import org.kexeclab.Arch;

/**
 * A CPU emulator that can open {@link Cpu}s. Engines live in their own modules and are found
 * with {@link java.util.ServiceLoader} ({@code META-INF/services/org.kexeclab.engine.CpuEngine};
 * see {@link CpuEngines}).
 */
public interface CpuEngine {

    /**
     * Where the engine sorts in {@link CpuEngines#all()} (lower first): the first engine that
     * runs an architecture is its default.
     */
    int rank();

    /** The engine and its version, e.g. {@code "unicorn 2.0.1"}. */
    String name();

    /** Whether {@link #open(Arch)} would succeed for {@code arch}, and if not, why. */
    EngineSupport probe(Arch arch);

    /**
     * A new CPU for {@code arch} with no memory mapped.
     *
     * @throws EngineUnavailableException with one sentence if this engine cannot run {@code arch} here
     */
    Cpu open(Arch arch);
}
