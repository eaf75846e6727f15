package org.kexeclab.engine.interp.x86;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngines;
import org.kexeclab.engine.MemoryAccess;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.engine.X86Register;
import org.kexeclab.engine.interp.InterpEngine;

/**
 * Runs the same x86-64 code on the Java engine and on Unicorn one instruction at a time and
 * compares, after each instruction, the stop reason, every general register, RIP, RFLAGS (minus
 * the flags the SDM leaves undefined for that instruction) and the list of memory writes. A
 * {@code rep} string instruction is one step on the Java engine and one step per iteration on
 * Unicorn: Unicorn is stepped until it leaves the instruction. Memory write hooks are installed
 * on both, so the Java engine copies element by element here.
 */
public final class X86Lockstep implements AutoCloseable {
    /** Never reached: runs end by budget. */
    private static final long NOWHERE = 0x7fff_dead_0000L;
    private static final int REP_CAP = 1 << 16;
    /** The registers compared after every step. */
    public static final X86Register[] COMPARED = {X86Register.RAX, X86Register.RBX, X86Register.RCX,
        X86Register.RDX, X86Register.RSI, X86Register.RDI, X86Register.RBP, X86Register.RSP, X86Register.R8,
        X86Register.R9, X86Register.R10, X86Register.R11, X86Register.R12, X86Register.R13, X86Register.R14,
        X86Register.R15, X86Register.RIP, X86Register.RFLAGS, X86Register.CR0, X86Register.CR3, X86Register.CR4};

    private final Cpu java;
    private final Cpu unicorn;
    private final List<String> javaWrites = new ArrayList<>();
    private final List<String> unicornWrites = new ArrayList<>();

    /**
     * Both CPUs; with {@code recordWrites} a write hook on each records every store (without it,
     * compare memory with {@link #compareMemory}). Unicorn 2.0.1 computes wrong flags for a
     * memory-destination shift by CL while a write hook is installed (measured: {@code shl qword
     * [mem], cl} of 0x7fd3ca9cdfccc418 by 3 gives CF=0, OF=1; without the hook CF=1 as the SDM says).
     */
    public X86Lockstep(boolean recordWrites) {
        this(InterpEngine.instance().open(Arch.X86_64), CpuEngines.defaultEngine().open(Arch.X86_64), recordWrites);
    }

    /** Lockstep over two prepared CPUs holding the same state (closed by {@link #close()}). */
    public X86Lockstep(Cpu java, Cpu unicorn, boolean recordWrites) {
        this.java = java;
        this.unicorn = unicorn;
        if (!recordWrites) {
            return;
        }
        java.onMemory((a, address, size, value) -> record(javaWrites, a, address, size, value), Perm.WRITE, 0, -1L);
        unicorn.onMemory((a, address, size, value) -> record(unicornWrites, a, address, size, value), Perm.WRITE, 0,
                -1L);
    }

    private static void record(List<String> into, MemoryAccess a, long address, int size, long value) {
        long v = size == 8 ? value : value & ((1L << (8 * size)) - 1);
        into.add(String.format("%d@0x%x=0x%x", size, address, v));
    }

    /** The Java-engine CPU. */
    public Cpu java() {
        return java;
    }

    /** The Unicorn CPU. */
    public Cpu unicorn() {
        return unicorn;
    }

    /** Maps on both. */
    public void map(long address, long size, int perms) {
        java.map(address, size, perms);
        unicorn.map(address, size, perms);
    }

    /** Writes on both. */
    public void write(long address, byte[] bytes) {
        java.write(address, bytes);
        unicorn.write(address, bytes);
    }

    /** Sets a register on both. */
    public void set(X86Register r, long value) {
        java.writeRegister(r, value);
        unicorn.writeRegister(r, value);
    }

    /**
     * Executes the instruction at RIP on both; returns "" if they agree, else one line per
     * difference. {@code undefinedFlags} are the RFLAGS bits not compared.
     */
    public String step(long undefinedFlags) {
        javaWrites.clear();
        unicornWrites.clear();
        long rip = unicorn.readRegister(X86Register.RIP);
        boolean rep = isRepString(rip);
        RunResult j = java.run(java.readRegister(X86Register.RIP), NOWHERE, RunLimits.budget(1));
        long next = java.readRegister(X86Register.RIP);
        long until = j.reason() == StopReason.BUDGET_EXHAUSTED && next != rip ? next : NOWHERE;
        RunResult u = unicorn.run(rip, until, RunLimits.budget(1));
        for (int i = 0; rep && i < REP_CAP && u.reason() == StopReason.BUDGET_EXHAUSTED
                && unicorn.readRegister(X86Register.RIP) == rip; i++) {
            u = unicorn.run(rip, until, RunLimits.budget(1));
        }
        StringBuilder out = new StringBuilder();
        if (j.reason() != u.reason() && !sameStep(j, u)) {
            out.append("stop: java ").append(j.message()).append(" / unicorn ").append(u.message()).append('\n');
        }
        for (X86Register r : COMPARED) {
            long a = java.readRegister(r);
            long b = unicorn.readRegister(r);
            long mask = r == X86Register.RFLAGS ? ~undefinedFlags : -1L;
            if (((a ^ b) & mask) != 0) {
                out.append(String.format("%s: java 0x%x unicorn 0x%x%n", r, a, b));
            }
        }
        if (!javaWrites.equals(unicornWrites)) {
            out.append("writes: java ").append(javaWrites).append(" unicorn ").append(unicornWrites).append('\n');
        }
        return out.toString();
    }

    /**
     * Unicorn's one-instruction budget fetches (and may fault on) the next instruction, so
     * Unicorn runs until the Java engine's next RIP: arriving there (REACHED_UNTIL) is the same
     * one step as the Java engine's BUDGET_EXHAUSTED; arriving anywhere else shows in RIP.
     */
    private static boolean sameStep(RunResult j, RunResult u) {
        return j.reason() == StopReason.BUDGET_EXHAUSTED && u.reason() == StopReason.REACHED_UNTIL;
    }

    /** "" if both CPUs hold the same bytes in {@code [address, address + size)}, else the first difference. */
    public String compareMemory(long address, int size) {
        byte[] a = java.read(address, size);
        byte[] b = unicorn.read(address, size);
        int i = Arrays.mismatch(a, b);
        return i < 0 ? "" : String.format("memory at 0x%x: java 0x%02x unicorn 0x%02x%n", address + i, a[i], b[i]);
    }

    private boolean isRepString(long rip) {
        byte[] b = unicorn.read(rip, 4);
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
    public void close() {
        java.close();
        unicorn.close();
    }
}
