package org.kexeclab.engine.unicorn;

import java.util.OptionalLong;
import org.kexeclab.engine.Register;

/**
 * The Unicorn engine's binding of one architecture, which its {@code ArchSupport} hands out
 * ({@code binding(UnicornTarget.class)}): Unicorn's {@code uc_arch} and {@code uc_mode}, its
 * number for each register, and the architecture's quirks on Unicorn 2.0.1: a probe of whether
 * this libunicorn really runs it, a guard against instructions that kill the host process, the
 * run address's instruction-set bit, and which CPU exceptions mean "undefined instruction".
 */
public interface UnicornTarget {

    /** {@code uc_arch} for {@code uc_open}. */
    int ucArch();

    /** {@code uc_mode} for {@code uc_open}. */
    int ucMode();

    /**
     * How Unicorn reaches {@code register}, one of the architecture's registers: its number
     * ({@link UcRegister#of}) or a custom access; {@code null} if Unicorn has none.
     */
    UcRegister register(Register register);

    /**
     * Whether this libunicorn runs the architecture, decided once per JVM; {@code probe} opens
     * CPUs (with a CPU model of choice) to find out. By default it runs, with Unicorn's default
     * CPU model.
     */
    default TargetSupport probe(UnicornProbe probe) {
        return TargetSupport.runs();
    }

    /**
     * A guard that checks every instruction fetch of a new CPU ({@link FetchGuard}), or
     * {@code null} if Unicorn runs every instruction of the architecture without harm.
     */
    default FetchGuard fetchGuard(FetchGuardContext context) {
        return null;
    }

    /**
     * The program counter at which a run with this {@code until} stops: {@code until} itself,
     * or without the instruction-set bit an architecture keeps in run addresses (Unicorn compares
     * the stop address with the PC, which never carries it).
     */
    default long stopAddress(long until) {
        return until;
    }

    /**
     * If CPU exception {@code number} is how Unicorn (QEMU) raises an undefined instruction on
     * this architecture, the faulting instruction's address given the PC Unicorn reports;
     * otherwise empty (a real CPU exception).
     */
    default OptionalLong undefinedInstructionAt(int number, long pc) {
        return OptionalLong.empty();
    }
}
