package org.kexeclab.engine.interp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.HookHandle;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.engine.MemoryAccess;

/**
 * A differential harness: a reference CPU (Unicorn) and a subject CPU (the Java engine) run the
 * same program one instruction at a time (a budget of 1 each); after each step it compares the
 * stop reason, every listed register, every byte the reference's store hooks saw (expanded to
 * bytes, so one 32-byte store equals four 8-byte ones) and the watched memory ranges (which
 * also catch stores Unicorn reports to no hook, such as {@code dcbz}).
 * Unicorn caches translated code: a driver must not rewrite an instruction it already stepped
 * (place each new instruction at a fresh address).
 * The two CPUs must start with identical memory and registers ({@link #map}, {@link #write},
 * {@link #set}). Closing the harness closes both CPUs.
 */
public final class Lockstep implements AutoCloseable {
    /** An address no program reaches: the run ends by its budget of one instruction. */
    private static final long NOWHERE = 0xffff_ff00L;

    private final Cpu reference;
    private final Cpu subject;
    private final List<Register> registers;
    private final Map<Long, Byte> referenceStores = new TreeMap<>();
    private final Map<Long, Byte> subjectStores = new TreeMap<>();
    private final List<HookHandle> hooks = new ArrayList<>();
    private final List<long[]> watched = new ArrayList<>();
    private final long until = NOWHERE;

    /** Compares {@code registers} (PC included if listed) of {@code reference} and {@code subject}. */
    public Lockstep(Cpu reference, Cpu subject, List<Register> registers) {
        this.reference = reference;
        this.subject = subject;
        this.registers = List.copyOf(registers);
        hooks.add(reference.onMemory((a, addr, size, v) -> record(referenceStores, reference, addr, size, v),
                Perm.WRITE, 1, 0));
        hooks.add(subject.onMemory((a, addr, size, v) -> record(subjectStores, subject, addr, size, v),
                Perm.WRITE, 1, 0));
    }

    private static void record(Map<Long, Byte> stores, Cpu cpu, long address, int size, long value) {
        boolean big = cpu.arch().byteOrder() == java.nio.ByteOrder.BIG_ENDIAN;
        for (int k = 0; k < size; k++) {
            int shift = big ? 8 * (Math.min(size, 8) - 1 - k) : 8 * k;
            stores.put(address + k, size > 8 ? 0 : (byte) (value >>> shift));
        }
    }

    /** The reference CPU. */
    public Cpu reference() {
        return reference;
    }

    /** The subject CPU. */
    public Cpu subject() {
        return subject;
    }

    /** Maps the range on both CPUs. */
    public void map(long address, long size, int perms) {
        reference.map(address, size, perms);
        subject.map(address, size, perms);
    }

    /** Also compares the bytes of {@code [address, address + size)} after every step. */
    public void watch(long address, int size) {
        watched.add(new long[] {address, size});
    }

    /** Writes the bytes on both CPUs. */
    public void write(long address, byte[] bytes) {
        reference.write(address, bytes);
        subject.write(address, bytes);
    }

    /** Sets the register on both CPUs. */
    public void set(Register register, long value) {
        reference.writeRegister(register, value);
        subject.writeRegister(register, value);
    }

    /**
     * Executes the instruction at {@code pc} on both CPUs; returns {@code null} if they agree,
     * else one line per difference.
     */
    public String step(long pc) {
        referenceStores.clear();
        subjectStores.clear();
        RunResult r = reference.run(pc, until, RunLimits.budget(1));
        RunResult s = subject.run(pc, until, RunLimits.budget(1));
        StringBuilder diff = new StringBuilder();
        if (!sameStop(r, s)) {
            diff.append(String.format("stop: reference %s, subject %s%n", r, s));
        }
        for (Register reg : registers) {
            long a = reference.readRegister(reg);
            long b = subject.readRegister(reg);
            if (a != b) {
                diff.append(String.format("%s: reference 0x%x, subject 0x%x%n", reg.name(), a, b));
            }
        }
        if (r.reason() == StopReason.MEMORY_FAULT) {
            // Unicorn fires a store hook before it finds the page unmapped: that store never happened
            referenceStores.keySet().removeIf(a -> a - r.faultAddress() >= 0 && a - r.faultAddress() < 8);
        }
        if (!referenceStores.isEmpty() && !referenceStores.equals(subjectStores)) {
            diff.append(String.format("stores: reference %s, subject %s%n", hex(referenceStores), hex(subjectStores)));
        }
        for (long[] range : watched) {
            byte[] a = reference.read(range[0], (int) range[1]);
            byte[] b = subject.read(range[0], (int) range[1]);
            int at = java.util.Arrays.mismatch(a, b);
            if (at >= 0) {
                diff.append(String.format("memory at 0x%x: reference %02x, subject %02x (subject stores %s)%n",
                        range[0] + at, a[at], b[at], hex(subjectStores)));
            }
        }
        return diff.length() == 0 ? null : diff.toString();
    }

    /**
     * When the instruction branched to unmapped memory the reference already tried the next
     * fetch there (a fetch fault at the subject's new PC): the same architectural state.
     */
    private static boolean sameStop(RunResult r, RunResult s) {
        if (r.reason() == s.reason()) {
            return true;
        }
        if (s.reason() != StopReason.BUDGET_EXHAUSTED) {
            return false;
        }
        return (r.reason() == StopReason.MEMORY_FAULT && r.access() == MemoryAccess.FETCH && r.faultAddress() == s.pc());
    }

    private static String hex(Map<Long, Byte> stores) {
        StringBuilder b = new StringBuilder("{");
        stores.forEach((a, v) -> b.append(String.format(" 0x%x=%02x", a, v & 0xff)));
        return b.append(" }").toString();
    }

    @Override
    public void close() {
        hooks.forEach(HookHandle::close);
        reference.close();
        subject.close();
    }
}
