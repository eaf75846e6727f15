package org.kexeclab.engine.interp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;

/**
 * The self-test every {@link Isa} plug-in runs ({@link Isa#selfTest}): one load instruction at
 * {@link #CODE} reads a known value placed 0x100 bytes past it, as the Unicorn engine probes a
 * target it doubts. Proves fetch, decode, address arithmetic and a load of the word size.
 */
public final class LoadProbe {
    /** Where the probe's instruction goes. */
    public static final long CODE = 0x1000;
    /** The value it must load (truncated to the load's width). */
    public static final long VALUE = 0x0123_4567_89ab_cdefL;

    private LoadProbe() {
    }

    /**
     * Runs {@code instruction} on {@code cpu} with {@code VALUE} stored in {@code order} at
     * {@code CODE + 0x100} as {@code width} bytes (4 or 8).
     *
     * @param base  register to point at {@link #CODE} first, or null (PC-relative loads)
     * @param dest  register the load must fill
     * @param text  the instruction as assembly, for the sentence
     * @return empty if the load worked, else one sentence
     */
    public static String run(Cpu cpu, byte[] instruction, ByteOrder order, int width, Register base,
                             Register dest, String text) {
        ByteBuffer code = ByteBuffer.allocate(0x100 + width).order(order);
        code.put(instruction);
        long expected = width == 8 ? VALUE : VALUE & 0xffff_ffffL;
        if (width == 8) {
            code.putLong(0x100, VALUE);
        } else {
            code.putInt(0x100, (int) VALUE);
        }
        cpu.map(CODE, 0x1000, Perm.ALL);
        cpu.write(CODE, code.array());
        if (base != null) {
            cpu.writeRegister(base, CODE);
        }
        RunResult r = cpu.run(CODE, CODE + instruction.length, RunLimits.budget(16));
        long got = cpu.readRegister(dest);
        if (r.reason() != StopReason.REACHED_UNTIL || got != expected) {
            return String.format("a probe %s ended with %s and %s = 0x%x", text, r,
                    dest.name().toLowerCase(Locale.ROOT), got);
        }
        return "";
    }

    /** One 32-bit instruction word as bytes in {@code order}. */
    public static byte[] word(int w, ByteOrder order) {
        return ByteBuffer.allocate(4).order(order).putInt(w).array();
    }
}
