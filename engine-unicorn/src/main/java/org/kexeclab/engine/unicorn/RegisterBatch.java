package org.kexeclab.engine.unicorn;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.kexeclab.engine.Register;

/**
 * One set of registers read by a single {@code uc_reg_read_batch} instead of a native call each:
 * what a tracer reads after every instruction. Prepared once for its array of registers (the
 * Unicorn ids, a pointer to an 8-byte slot per register); registers Unicorn reaches only through
 * several reads ({@link UcRegister} without a plain id) are read one by one after the batch.
 */
final class RegisterBatch {
    private static final int SLOT = 8;
    private final Register[] registers;
    /** Index in {@link #registers} of each batched register, in batch order. */
    private final int[] batched;
    /** Index in {@link #registers} of each register read on its own. */
    private final int[] single;
    private final Memory ids;
    private final Memory pointers;
    private final Memory values;

    private RegisterBatch(Register[] registers, int[] batched, int[] single) {
        this.registers = registers;
        this.batched = batched;
        this.single = single;
        int n = Math.max(1, batched.length);
        this.ids = new Memory(4L * n);
        this.pointers = new Memory((long) Native.POINTER_SIZE * n);
        this.values = new Memory((long) SLOT * n);
    }

    /** The batch for {@code registers}, whose Unicorn ids {@code ids} gives (negative: not a plain id). */
    static RegisterBatch of(Register[] registers, java.util.function.ToIntFunction<Register> ids) {
        int[] plain = new int[registers.length];
        int[] others = new int[registers.length];
        int p = 0;
        int o = 0;
        for (int i = 0; i < registers.length; i++) {
            if (ids.applyAsInt(registers[i]) >= 0) {
                plain[p++] = i;
            } else {
                others[o++] = i;
            }
        }
        RegisterBatch b = new RegisterBatch(registers, java.util.Arrays.copyOf(plain, p), java.util.Arrays.copyOf(others, o));
        for (int k = 0; k < p; k++) {
            b.ids.setInt(4L * k, ids.applyAsInt(registers[plain[k]]));
            b.pointers.setPointer((long) Native.POINTER_SIZE * k, b.values.share((long) SLOT * k));
        }
        return b;
    }

    /** True if this batch was prepared for exactly this array. */
    boolean isFor(Register[] array) {
        return registers == array;
    }

    /**
     * Reads every register into {@code into}: the batched ones in one call, the others through
     * {@code cpu}. A failed batch is read again one register at a time, so the error names the register.
     */
    void read(long uc, long[] into, UnicornCpu cpu) {
        if (batched.length > 0) {
            values.clear();
            if (UcNative.uc_reg_read_batch(uc, Pointer.nativeValue(ids), Pointer.nativeValue(pointers), batched.length) != 0) {
                for (int i : batched) {
                    into[i] = cpu.readRegister(registers[i]);
                }
            } else {
                for (int k = 0; k < batched.length; k++) {
                    into[batched[k]] = values.getLong((long) SLOT * k);
                }
            }
        }
        for (int i : single) {
            into[i] = cpu.readRegister(registers[i]);
        }
    }
}
