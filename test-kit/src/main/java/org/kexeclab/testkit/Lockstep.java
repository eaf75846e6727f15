package org.kexeclab.testkit;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.HookHandle;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;

/**
 * A differential harness for every instruction set: the Java engine and Unicorn run the same
 * program one instruction at a time (a budget of 1 each); after each step it compares the stop
 * reason (and fault address), every register of the {@link LockstepProfile} (less the flags the
 * caller declares undefined), the stores both reported to their write hooks (as the profile
 * records them) and the watched memory ranges (which also catch stores Unicorn reports to no
 * hook, such as ppc's {@code dcbz}). The two CPUs must start with identical memory and registers
 * ({@link #map}, {@link #write}, {@link #set}). Unicorn caches translated code: a driver must not
 * rewrite an instruction it already stepped. Closing the harness closes both CPUs.
 */
public final class Lockstep implements AutoCloseable {
    private final LockstepProfile profile;
    private final Cpu java;
    private final Cpu unicorn;
    private final List<String> javaWrites = new ArrayList<>();
    private final List<String> unicornWrites = new ArrayList<>();
    private final Map<Long, Byte> javaBytes = new TreeMap<>();
    private final Map<Long, Byte> unicornBytes = new TreeMap<>();
    private final List<HookHandle> hooks = new ArrayList<>();
    private final List<long[]> watched = new ArrayList<>();
    private StopReason lastStop;
    private long steps;

    /**
     * Lockstep over two CPUs holding the same state ({@code java} on the Java engine, {@code unicorn}
     * on Unicorn); with {@code recordWrites} a write hook on each records every store (without it,
     * compare memory with {@link #watch} or {@link #compareMemory}: Unicorn 2.0.1 computes wrong x86
     * flags for a memory-destination shift by CL while a write hook is installed).
     */
    public Lockstep(LockstepProfile profile, Cpu java, Cpu unicorn, boolean recordWrites) {
        this.profile = profile;
        this.java = java;
        this.unicorn = unicorn;
        if (recordWrites) {
            hooks.add(java.onMemory((a, addr, size, v) -> record(javaWrites, javaBytes, java, addr, size, v),
                    Perm.WRITE, 1, 0));
            hooks.add(unicorn.onMemory((a, addr, size, v) -> record(unicornWrites, unicornBytes, unicorn, addr, size, v),
                    Perm.WRITE, 1, 0));
        }
    }

    /**
     * Opens a Java-engine and a Unicorn CPU for the profile's architecture, recording writes when
     * {@code recordWrites}; the calling test is skipped ({@link Engines}) when Unicorn cannot run it here.
     */
    public static Lockstep open(LockstepProfile profile, boolean recordWrites) {
        CpuEngine unicorn = Engines.unicorn();
        Engines.assumeRuns(unicorn, profile.arch);
        return new Lockstep(profile, Engines.java().open(profile.arch), unicorn.open(profile.arch), recordWrites);
    }

    private void record(List<String> list, Map<Long, Byte> bytes, Cpu cpu, long address, int size, long value) {
        if (profile.writes == LockstepProfile.Writes.ACCESSES) {
            long v = size >= 8 ? value : value & ((1L << (8 * size)) - 1);
            list.add(String.format("%d@0x%x=0x%x", size, address, v));
            return;
        }
        boolean big = cpu.arch().byteOrder() == ByteOrder.BIG_ENDIAN;
        for (int k = 0; k < size; k++) {
            int shift = big ? 8 * (Math.min(size, 8) - 1 - k) : 8 * k;
            bytes.put(address + k, size > 8 ? 0 : (byte) (value >>> shift));
        }
    }

    /** The Java-engine CPU. */
    public Cpu java() {
        return java;
    }

    /** The Unicorn CPU. */
    public Cpu unicorn() {
        return unicorn;
    }

    /** Instructions compared so far. */
    public long steps() {
        return steps;
    }

    /** Maps the range on both CPUs. */
    public void map(long address, long size, int perms) {
        java.map(address, size, perms);
        unicorn.map(address, size, perms);
    }

    /** Also compares the bytes of {@code [address, address + size)} after every step. */
    public void watch(long address, int size) {
        watched.add(new long[] {address, size});
    }

    /** Writes the bytes on both CPUs. */
    public void write(long address, byte[] bytes) {
        java.write(address, bytes);
        unicorn.write(address, bytes);
    }

    /** Sets the register on both CPUs. */
    public void set(Register register, long value) {
        java.writeRegister(register, value);
        unicorn.writeRegister(register, value);
    }

    /** Executes the instruction at {@code pc} on both CPUs; "" if they agree, else one line per difference. */
    public String step(long pc) {
        return step(pc, 0);
    }

    /** As {@link #step(long)} from the Java engine's PC; {@code undefinedFlags} of the flags register are not compared. */
    public String stepHere(long undefinedFlags) {
        return step(profile.resume(java), undefinedFlags);
    }

    /** As {@link #step(long)}; {@code undefinedFlags} are the bits of the profile's flags register not compared. */
    public String step(long pc, long undefinedFlags) {
        clearWrites();
        RunResult j = java.run(pc, profile.never, RunLimits.budget(1));
        return compare(pc, j, undefinedFlags);
    }

    private void clearWrites() {
        javaWrites.clear();
        unicornWrites.clear();
        javaBytes.clear();
        unicornBytes.clear();
    }

    private String compare(long pc, RunResult j, long undefinedFlags) {
        RunResult u = profile.runReference(unicorn, pc, java, j);
        steps++;
        StringBuilder diff = new StringBuilder();
        boolean sameStep = j.reason() != u.reason() && profile.sameStep(j, u, java.pc());
        lastStop = sameStep && u.reason() == StopReason.MEMORY_FAULT ? StopReason.MEMORY_FAULT : j.reason();
        if (j.reason() != u.reason() && !sameStep) {
            diff.append(String.format("stop: java %s, unicorn %s%n", j, u));
        } else if (j.reason() == StopReason.MEMORY_FAULT
                && j.faultAddress() != u.faultAddress()) {
            diff.append(String.format("fault: java at 0x%x, unicorn at 0x%x%n", j.faultAddress(), u.faultAddress()));
        }
        diff.append(registerDiff(undefinedFlags));
        writesDiff(diff, j, u);
        for (long[] range : watched) {
            diff.append(compareMemory(range[0], (int) range[1]));
        }
        return diff.toString();
    }

    private String registerDiff(long undefinedFlags) {
        StringBuilder diff = new StringBuilder();
        for (Register r : profile.registers) {
            long a = java.readRegister(r);
            long b = unicorn.readRegister(r);
            long mask = r == profile.flags ? ~undefinedFlags : -1L;
            if (((a ^ b) & mask) != 0) {
                diff.append(String.format("%s: java 0x%x, unicorn 0x%x%n", r.name(), a, b));
            }
        }
        return diff.toString();
    }

    private void writesDiff(StringBuilder diff, RunResult j, RunResult u) {
        if (profile.writes == LockstepProfile.Writes.BYTES) {
            if (u.reason() == StopReason.MEMORY_FAULT) {
                // Unicorn fires a store hook before it finds the page unmapped: that store never happened
                unicornBytes.keySet().removeIf(a -> a - u.faultAddress() >= 0 && a - u.faultAddress() < 8);
            }
            if (!unicornBytes.isEmpty() && !unicornBytes.equals(javaBytes)) {
                diff.append(String.format("stores: java %s, unicorn %s%n", hex(javaBytes), hex(unicornBytes)));
            }
        } else if (!(profile.faultingStoresHooked() && j.reason() == StopReason.MEMORY_FAULT)
                && !javaWrites.equals(unicornWrites)) {
            diff.append("writes: java ").append(javaWrites).append(" unicorn ").append(unicornWrites).append('\n');
        }
    }

    /** "" if both CPUs hold the same bytes in {@code [address, address + size)}, else the first difference. */
    public String compareMemory(long address, int size) {
        byte[] a = java.read(address, size);
        byte[] b = unicorn.read(address, size);
        int i = Arrays.mismatch(a, b);
        return i < 0 ? "" : String.format("memory at 0x%x: java %02x, unicorn %02x (java stores %s%s)%n",
                address + i, a[i], b[i], hex(javaBytes), javaWrites);
    }

    private static String hex(Map<Long, Byte> stores) {
        StringBuilder b = new StringBuilder("{");
        stores.forEach((a, v) -> b.append(String.format(" 0x%x=%02x", a, v & 0xff)));
        return b.append(" }").toString();
    }

    // ---- asserting steps (ARM drivers) ----------------------------------------------------------

    /** Asserts that every compared register is equal on both engines; {@code context} names the moment. */
    public void assertSameRegisters(String context) {
        String diff = registerDiff(0);
        if (!diff.isEmpty()) {
            throw new AssertionError(context + ": registers differ:\n" + diff);
        }
    }

    /**
     * Steps one instruction from the Java engine's PC on both engines and asserts they agree;
     * returns the stop reason ({@link StopReason#BUDGET_EXHAUSTED} after a normal instruction,
     * {@link StopReason#MEMORY_FAULT} when Unicorn's budget ended fetching the next one).
     */
    public StopReason step(String context) {
        return step(context, false);
    }

    /**
     * As {@link #step(String)}; if {@code skipJavaInvalid} and the Java engine does not implement
     * the instruction (or raises a fault Unicorn 2.0.1 never raises, such as an ARM alignment
     * fault), Unicorn is not run and {@link StopReason#INVALID_INSTRUCTION} is returned.
     */
    public StopReason step(String context, boolean skipJavaInvalid) {
        long begin = profile.resume(java);
        byte[] code = java.read(begin & ~1L, 4);
        String where = String.format("%s step %d at 0x%x (bytes %02x %02x %02x %02x)", context, steps, begin,
                code[0], code[1], code[2], code[3]);
        clearWrites();
        RunResult j = java.run(begin, profile.never, RunLimits.budget(1));
        if (skipJavaInvalid && (j.reason() == StopReason.INVALID_INSTRUCTION || profile.javaOnlyFault(j))) {
            return StopReason.INVALID_INSTRUCTION;
        }
        String diff = compare(begin, j, 0);
        if (!diff.isEmpty()) {
            throw new AssertionError(where + ":\n" + diff);
        }
        return lastStop;
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
        hooks.forEach(HookHandle::close);
        java.close();
        unicorn.close();
    }
}
