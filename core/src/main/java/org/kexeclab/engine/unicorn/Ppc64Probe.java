package org.kexeclab.engine.unicorn;

import java.util.function.Supplier;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.PpcRegister;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;

/**
 * Runs one 64-bit-only PowerPC instruction to learn whether this libunicorn can really execute
 * ppc64 code (Unicorn 2.0.1 cannot: unicorn issue 1779). Tried with the default CPU model and with
 * an explicit POWER9 model; a fixed library passes and ppc64 simply works.
 */
final class Ppc64Probe {
    /** CPU models to try: -1 = Unicorn's default, then {@code UC_CPU_PPC64_POWER9_V2_0}. */
    static final int[] MODELS = {-1, UcConst.UC_CPU_PPC64_POWER9_V2_0};

    private static final long CODE = 0x1000;
    /** {@code ld 3,0x100(4)} (big-endian, from golden-as ppc64): r3 = the doubleword at r4 + 0x100. */
    private static final byte[] LD_R3_0X100_R4 = {(byte) 0xe8, 0x64, 0x01, 0x00};
    private static final long VALUE = 0x0123_4567_89ab_cdefL;

    /** What one probe saw. */
    record Outcome(boolean works, String observed) {
    }

    private Ppc64Probe() {
    }

    static Outcome run(Supplier<UnicornCpu> open) {
        try (UnicornCpu cpu = open.get()) {
            cpu.map(CODE, 0x1000, Perm.ALL);
            cpu.write(CODE, LD_R3_0X100_R4);
            cpu.write(CODE + 0x100, bigEndian(VALUE));
            cpu.writeRegister(PpcRegister.R4, CODE);
            RunResult r = cpu.run(CODE, CODE + 4, RunLimits.budget(16));
            long r3 = cpu.readRegister(PpcRegister.R3);
            if (r.reason() == StopReason.REACHED_UNTIL && r3 == VALUE) {
                return new Outcome(true, "loaded 0x" + Long.toHexString(r3));
            }
            if (r.reason() == StopReason.CPU_EXCEPTION || r.reason() == StopReason.INVALID_INSTRUCTION) {
                return new Outcome(false,
                        "raised exception " + r.exceptionNumber());
            }
            return new Outcome(false,
                    "ended with " + r.reason() + " and r3 = 0x" + Long.toHexString(r3));
        } catch (RuntimeException e) {
            return new Outcome(false, "failed: " + e.getMessage());
        }
    }

    private static byte[] bigEndian(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (56 - 8 * i));
        }
        return b;
    }
}
