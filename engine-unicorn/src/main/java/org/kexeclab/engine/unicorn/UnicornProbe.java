package org.kexeclab.engine.unicorn;

import org.kexeclab.engine.Cpu;

/** What a {@link UnicornTarget#probe} may use: raw CPUs of its architecture and the engine's names. */
public interface UnicornProbe {

    /**
     * Opens a CPU of the architecture without the support check, with Unicorn CPU model
     * {@code model} (-1 for Unicorn's default). Close it when done.
     */
    Cpu open(int model);

    /** The engine's name and version, e.g. {@code "unicorn 2.0.1"}. */
    String engineName();

    /** libunicorn's version, e.g. {@code "2.0.1"}. */
    String version();
}
