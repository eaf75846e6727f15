package org.kexeclab.engine.interp;

import java.util.ArrayList;
import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.engine.Arm64Register;
import org.kexeclab.engine.ArmRegister;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.MemoryAccess;
import org.kexeclab.engine.PpcRegister;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.engine.X86Register;

/**
 * What differs per instruction set in a {@link Lockstep} run: the compared registers, the address
 * no run reaches, how stores are recorded, and Unicorn 2.0.1's quirks (how its one-instruction
 * budget ends, {@code rep} strings, faults the Java engine raises and Unicorn never does).
 */
public final class LockstepProfile {
    /** How stores are compared after a step. */
    public enum Writes {
        /** The list of stores, each as size, address and value, in order (ARM, x86). */
        ACCESSES,
        /**
         * The stored bytes by address (PowerPC: Unicorn reports {@code dcbz} as one 32-byte store,
         * the Java engine as four 8-byte ones); compared when Unicorn stored anything.
         */
        BYTES
    }

    /** The exception number of the Java engine's ARM alignment faults (QEMU's {@code EXCP_DATA_ABORT}). */
    private static final int ARM_ALIGNMENT_FAULT = 4;

    private enum Family { PPC, ARM, X86 }

    private final Family family;
    final Arch arch;
    final List<Register> registers;
    final long never;
    final Writes writes;
    final Register flags;

    private LockstepProfile(Family family, Arch arch, List<Register> registers, long never, Writes writes,
            Register flags) {
        this.family = family;
        this.arch = arch;
        this.registers = List.copyOf(registers);
        this.never = never;
        this.writes = writes;
        this.flags = flags;
    }

    /**
     * ppc32 (big-endian): every GPR, PC, LR, CTR, CR and MSR, stores compared by byte. XER is not
     * in the list: Unicorn 2.0.1's register API reads only the raw XER word, not QEMU's separate
     * SO/OV/CA, so drivers compare it through {@code mfxer} (see PpcLockstepRandomTest).
     */
    public static LockstepProfile ppc() {
        List<Register> regs = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            regs.add(PpcRegister.r(i));
        }
        regs.addAll(List.of(PpcRegister.PC, PpcRegister.LR, PpcRegister.CTR, PpcRegister.CR, PpcRegister.MSR));
        return new LockstepProfile(Family.PPC, Arch.PPC32, regs, 0xffff_ff00L, Writes.BYTES, null);
    }

    /** ARM64 (every register but CPACR_EL1) or ARM (every register). */
    public static LockstepProfile arm(Arch arch) {
        List<Register> regs = new ArrayList<>();
        if (arch == Arch.ARM64) {
            for (Arm64Register r : Arm64Register.values()) {
                if (r != Arm64Register.CPACR_EL1) {
                    regs.add(r);
                }
            }
        } else {
            regs.addAll(List.of(ArmRegister.values()));
        }
        return new LockstepProfile(Family.ARM, arch, regs, arch == Arch.ARM64 ? 0x7fff_dead_0000L : 0xdead_0000L,
                Writes.ACCESSES, null);
    }

    /** x86-64: the sixteen GPRs, RIP, RFLAGS (less the undefined flags of each step), CR0, CR3, CR4. */
    public static LockstepProfile x86() {
        return new LockstepProfile(Family.X86, Arch.X86_64, List.of(X86Register.RAX, X86Register.RBX, X86Register.RCX,
                X86Register.RDX, X86Register.RSI, X86Register.RDI, X86Register.RBP, X86Register.RSP, X86Register.R8,
                X86Register.R9, X86Register.R10, X86Register.R11, X86Register.R12, X86Register.R13, X86Register.R14,
                X86Register.R15, X86Register.RIP, X86Register.RFLAGS, X86Register.CR0, X86Register.CR3,
                X86Register.CR4), 0x7fff_dead_0000L, Writes.ACCESSES, X86Register.RFLAGS);
    }

    /** The compared registers. */
    public List<Register> registers() {
        return registers;
    }

    /** The address from which the Java engine's next step runs (with the Thumb bit on ARM). */
    long resume(Cpu java) {
        long pc = java.pc();
        if (java.arch() == Arch.ARM && (java.readRegister(ArmRegister.CPSR) & 0x20) != 0) {
            pc |= 1;
        }
        return pc;
    }

    /** True if Unicorn fires store hooks before a faulting access (ARM: the writes are not compared then). */
    boolean faultingStoresHooked() {
        return family == Family.ARM;
    }

    /** True if the Java engine raised a fault Unicorn 2.0.1 never raises (an ARM alignment fault). */
    boolean javaOnlyFault(RunResult j) {
        return family == Family.ARM && j.reason() == StopReason.CPU_EXCEPTION
                && j.exceptionNumber() == ARM_ALIGNMENT_FAULT;
    }

    /**
     * Runs Unicorn's step from {@code pc}. On x86 it runs until the Java engine's next RIP (so
     * arriving there is one step) and steps a {@code rep} string until it leaves the instruction,
     * which the Java engine executes as one step.
     */
    RunResult runReference(Cpu unicorn, long pc, Cpu java, RunResult j) {
        if (family != Family.X86) {
            return unicorn.run(pc, never, RunLimits.budget(1));
        }
        long next = java.pc();
        long until = j.reason() == StopReason.BUDGET_EXHAUSTED && next != pc ? next : never;
        RunResult u = unicorn.run(pc, until, RunLimits.budget(1));
        boolean rep = isRepString(unicorn.read(pc, 4));
        for (int i = 0; rep && i < 1 << 16 && u.reason() == StopReason.BUDGET_EXHAUSTED && unicorn.pc() == pc; i++) {
            u = unicorn.run(pc, until, RunLimits.budget(1));
        }
        return u;
    }

    /**
     * True if different stop reasons are the same step: Unicorn's budget of one fetches (and may
     * fault on) the next instruction, at the Java engine's new PC (ppc, x86) or within its first
     * four bytes (ARM: a Thumb instruction's second halfword); on x86 Unicorn reached its until.
     */
    boolean sameStep(RunResult j, RunResult u, long javaPc) {
        if (j.reason() != StopReason.BUDGET_EXHAUSTED) {
            return false;
        }
        if (family == Family.X86) {
            return u.reason() == StopReason.REACHED_UNTIL;
        }
        boolean fetch = u.reason() == StopReason.MEMORY_FAULT && u.access() == MemoryAccess.FETCH;
        long ahead = u.faultAddress() - javaPc;
        return fetch && (family == Family.PPC ? ahead == 0 : ahead >= 0 && ahead < 4);
    }

    private static boolean isRepString(byte[] b) {
        int i = 0;
        boolean rep = false;
        while (i < 3 && ((b[i] & 0xff) == 0xf3 || (b[i] & 0xff) == 0xf2 || (b[i] & 0xff) == 0x66)) {
            rep |= (b[i] & 0xff) != 0x66;
            i++;
        }
        if ((b[i] & 0xf0) == 0x40 && i < 3) {
            i++;
        }
        int op = b[i] & 0xff;
        return rep && (op == 0xa4 || op == 0xa5 || op == 0xaa || op == 0xab);
    }

    @Override
    public String toString() {
        return arch.name();
    }
}
