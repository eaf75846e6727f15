package org.kexeclab.engine.interp;

import org.kexeclab.Arch;
import org.kexeclab.engine.Cpu;

/**
 * An instruction-set plug-in of the Java interpreter engine ({@link InterpEngine}): the Java
 * engine's binding of one architecture, which its {@code ArchSupport} hands out
 * ({@code binding(Isa.class)}); architectures that share an instruction set (its byte orders,
 * its word sizes) may share one implementation.
 *
 * <p>The framework owns everything that is not the instruction set: guest memory
 * ({@link GuestBus}: pages, permissions, endianness, faults, memory hooks), the run loop
 * ({@code until}, budget, time limit, {@code stop()}), code/block/interrupt hooks, contexts and
 * the {@link org.kexeclab.engine.RunResult} sentences. A plug-in supplies an {@link IsaCore}
 * per CPU: the register file and {@link IsaCore#step()}, which decodes one instruction from
 * guest memory (through the bus, never from an assembler) and executes it.
 */
public interface Isa {

    /** Short lower-case name of the instruction set, as the engine's sentences show it. */
    String name();

    /**
     * A fresh CPU core for {@code arch} in its reset state, using {@code bus} for every fetch,
     * load and store. The plug-in sets the bus's byte order ({@link GuestBus#bigEndian(boolean)}).
     */
    IsaCore create(Arch arch, GuestBus bus);

    /**
     * Runs a tiny program on a new CPU of {@code arch} to prove the plug-in really executes it
     * (as the Unicorn engine probes its own doubtful targets).
     *
     * @return empty if it works, else one sentence saying what went wrong
     */
    default String selfTest(Arch arch, Cpu cpu) {
        return "";
    }
}
