package org.kexeclab.testkit;

import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.MemoryAccess;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;

/**
 * What differs per instruction set in a {@link Lockstep} run: the compared registers, the address
 * no run reaches, how stores are recorded, and Unicorn 2.0.1's quirks (how its one-instruction
 * budget ends, faults the Java engine raises and Unicorn never does). Each arch module's tests
 * build their profile, overriding the quirks their instruction set has.
 */
public class LockstepProfile {
    /** How stores are compared after a step. */
    public enum Writes {
        /** The list of stores, each as size, address and value, in order. */
        ACCESSES,
        /**
         * The stored bytes by address (for instruction sets where Unicorn reports a store other
         * than as the Java engine splits it, such as one 32-byte cache-block zeroing against four
         * 8-byte stores); compared when Unicorn stored anything.
         */
        BYTES
    }

    final Arch arch;
    final List<Register> registers;
    final long never;
    final Writes writes;
    final Register flags;

    /**
     * @param arch      the architecture both CPUs emulate
     * @param registers the registers compared after every step
     * @param never     an address no run reaches (every step's {@code until})
     * @param writes    how stores are compared
     * @param flags     the flags register, whose undefined bits a driver may exclude; or null
     */
    public LockstepProfile(Arch arch, List<Register> registers, long never, Writes writes, Register flags) {
        this.arch = arch;
        this.registers = List.copyOf(registers);
        this.never = never;
        this.writes = writes;
        this.flags = flags;
    }

    /** The architecture. */
    public Arch arch() {
        return arch;
    }

    /** The compared registers. */
    public List<Register> registers() {
        return registers;
    }

    /** The address from which the Java engine's next step runs (in its current instruction set). */
    protected long resume(Cpu java) {
        return Arches.support(java.arch()).runAddress(java, java.pc());
    }

    /** True if Unicorn fires store hooks before a faulting access (the writes are not compared then). */
    protected boolean faultingStoresHooked() {
        return false;
    }

    /** True if the Java engine raised a fault Unicorn 2.0.1 never raises (the step is not compared). */
    protected boolean javaOnlyFault(RunResult j) {
        return false;
    }

    /** Runs Unicorn's step from {@code pc}: by default one instruction, never reaching an until. */
    protected RunResult runReference(Cpu unicorn, long pc, Cpu java, RunResult j) {
        return unicorn.run(pc, never, RunLimits.budget(1));
    }

    /**
     * True if different stop reasons are the same step: Unicorn's budget of one fetches (and may
     * fault on) the next instruction; by default at the Java engine's new PC exactly.
     */
    protected boolean sameStep(RunResult j, RunResult u, long javaPc) {
        return j.reason() == StopReason.BUDGET_EXHAUSTED && u.reason() == StopReason.MEMORY_FAULT
                && u.access() == MemoryAccess.FETCH && fetchAhead(u.faultAddress() - javaPc);
    }

    /** True if a fetch fault {@code ahead} bytes past the Java engine's new PC is the next instruction's. */
    protected boolean fetchAhead(long ahead) {
        return ahead == 0;
    }

    @Override
    public String toString() {
        return arch.name();
    }
}
