package org.kexeclab.engine.interp.a64;

import java.util.ArrayList;
import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.engine.Arm64Register;
import org.kexeclab.engine.ArmRegister;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.engine.unicorn.UnicornEngine;

/**
 * Lockstep differential execution of ARM code on the Java engine and on Unicorn: the same memory
 * and registers on both, one instruction at a time ({@code RunLimits.budget(1)}), comparing the
 * stop reason, every register of {@link #registers} and the memory writes after each step.
 */
public final class Lockstep implements AutoCloseable {
    /** The exception number of the Java engine's alignment faults (QEMU's {@code EXCP_DATA_ABORT}). */
    private static final int ALIGNMENT_FAULT = 4;
    private final Arch arch;
    private final Cpu java;
    private final Cpu unicorn;
    private final List<Register> registers;
    private final List<String> javaWrites = new ArrayList<>();
    private final List<String> unicornWrites = new ArrayList<>();
    private long steps;

    private Lockstep(Arch arch) {
        this(InterpEngine.instance().open(arch), UnicornEngine.instance().open(arch));
    }

    private Lockstep(Cpu java, Cpu unicorn) {
        this.arch = java.arch();
        this.java = java;
        this.unicorn = unicorn;
        this.registers = registersOf(arch);
        java.onMemory((a, address, size, value) -> javaWrites.add(write(address, size, value)), Perm.WRITE, 1, 0);
        unicorn.onMemory((a, address, size, value) -> unicornWrites.add(write(address, size, value)), Perm.WRITE, 1, 0);
    }

    /** Opens a Java and a Unicorn CPU for {@code arch} (ARM64 or ARM). */
    public static Lockstep open(Arch arch) {
        return new Lockstep(arch);
    }

    /**
     * Lockstep over two CPUs already prepared identically (e.g. by two {@code KexecRun.prepare}
     * calls): {@code java} on the Java engine, {@code unicorn} on Unicorn. Closing closes both.
     */
    public static Lockstep attach(Cpu java, Cpu unicorn) {
        return new Lockstep(java, unicorn);
    }

    private static String write(long address, int size, long value) {
        long mask = size == 8 ? -1L : (1L << (8 * size)) - 1;
        return String.format("%d@%x=%x", size, address, value & mask);
    }

    /** The registers compared after every step. */
    public static List<Register> registersOf(Arch arch) {
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
        return regs;
    }

    /** Maps {@code [address, address + size)} on both engines. */
    public void map(long address, long size, int perms) {
        java.map(address, size, perms);
        unicorn.map(address, size, perms);
    }

    /** Writes {@code bytes} at {@code address} on both engines. */
    public void write(long address, byte[] bytes) {
        java.write(address, bytes);
        unicorn.write(address, bytes);
    }

    /** Sets {@code register} on both engines. */
    public void set(Register register, long value) {
        java.writeRegister(register, value);
        unicorn.writeRegister(register, value);
    }

    /** The Java engine's CPU. */
    public Cpu java() {
        return java;
    }

    /** Instructions stepped so far. */
    public long steps() {
        return steps;
    }

    /** Asserts that every compared register is equal on both engines; {@code context} names the moment. */
    public void assertSameRegisters(String context) {
        StringBuilder diff = new StringBuilder();
        for (Register r : registers) {
            long j = java.readRegister(r);
            long u = unicorn.readRegister(r);
            if (j != u) {
                diff.append(String.format(" %s java=0x%x unicorn=0x%x;", r.name(), j, u));
            }
        }
        if (diff.length() > 0) {
            throw new AssertionError(context + ": registers differ:" + diff);
        }
    }

    /** The address from which a run continues (with the Thumb bit on ARM). */
    private long resume() {
        long pc = java.pc();
        if (arch == Arch.ARM && (java.readRegister(ArmRegister.CPSR) & 0x20) != 0) {
            pc |= 1;
        }
        return pc;
    }

    /**
     * Steps one instruction on both engines and compares them; returns the stop reason
     * ({@link StopReason#BUDGET_EXHAUSTED} after a normal instruction).
     */
    public StopReason step(String context) {
        return step(context, false);
    }

    /**
     * As {@link #step(String)}; if {@code skipJavaInvalid} and the Java engine does not implement
     * the instruction (or raises an architectural alignment fault, which Unicorn 2.0.1 never does),
     * Unicorn is not run and {@link StopReason#INVALID_INSTRUCTION} is returned (for random
     * encodings that hit unpredictable or unimplemented forms or unaligned addresses).
     */
    public StopReason step(String context, boolean skipJavaInvalid) {
        long begin = resume();
        long never = arch == Arch.ARM64 ? 0x7fff_dead_0000L : 0xdead_0000L;
        javaWrites.clear();
        unicornWrites.clear();
        byte[] code = new byte[4];
        java.read(begin & ~1L, code, 0, 4);
        String where = String.format("%s step %d at 0x%x (bytes %02x %02x %02x %02x)", context, steps, begin,
                code[0], code[1], code[2], code[3]);
        RunResult j = java.run(begin, never, RunLimits.budget(1));
        if (skipJavaInvalid && j.reason() == StopReason.INVALID_INSTRUCTION) {
            return j.reason();
        }
        if (skipJavaInvalid && j.reason() == StopReason.CPU_EXCEPTION && j.exceptionNumber() == ALIGNMENT_FAULT) {
            return StopReason.INVALID_INSTRUCTION; // an architectural alignment fault Unicorn 2.0.1 never raises
        }
        RunResult u = unicorn.run(begin, never, RunLimits.budget(1));
        steps++;
        if (j.reason() == StopReason.BUDGET_EXHAUSTED && u.reason() == StopReason.MEMORY_FAULT
                && u.access() == org.kexeclab.engine.MemoryAccess.FETCH && u.faultAddress() - java.pc() >= 0
                && u.faultAddress() - java.pc() < 4) {
            // Unicorn fetches the next block before honouring the budget (Thumb: reporting its second
            // halfword): same state, the next fetch faults.
            assertSameRegisters(where);
            return StopReason.MEMORY_FAULT;
        }
        if (j.reason() != u.reason()) {
            throw new AssertionError(where + ": java " + j + " but unicorn " + u);
        }
        if (j.reason() == StopReason.MEMORY_FAULT && j.faultAddress() != u.faultAddress()) {
            throw new AssertionError(where + ": fault at 0x" + Long.toHexString(j.faultAddress()) + " vs 0x"
                    + Long.toHexString(u.faultAddress()));
        }
        assertSameRegisters(where);
        // Unicorn calls write hooks before the access, so a faulting store shows up there only.
        if (j.reason() != StopReason.MEMORY_FAULT && !javaWrites.equals(unicornWrites)) {
            throw new AssertionError(where + ": memory writes java " + javaWrites + " unicorn " + unicornWrites);
        }
        return j.reason();
    }

    /** Steps until {@code stopAt} is reached, something other than a normal instruction happens, or {@code max} steps. */
    public StopReason runTo(long stopAt, long max, String context) {
        for (long i = 0; i < max; i++) {
            if (java.pc() == stopAt) {
                return StopReason.REACHED_UNTIL;
            }
            StopReason r = step(context);
            if (r != StopReason.BUDGET_EXHAUSTED) {
                return r;
            }
        }
        return StopReason.BUDGET_EXHAUSTED;
    }


    /** Steps until an instruction branches to itself (a {@code b .} such as {@code probe_done}), or {@code max} steps. */
    public StopReason runToSelfLoop(long max, String context) {
        for (long i = 0; i < max; i++) {
            long before = java.pc();
            StopReason r = step(context);
            if (r != StopReason.BUDGET_EXHAUSTED) {
                return r;
            }
            if (java.pc() == before) {
                return StopReason.REACHED_UNTIL;
            }
        }
        return StopReason.BUDGET_EXHAUSTED;
    }

    @Override
    public void close() {
        java.close();
        unicorn.close();
    }
}
