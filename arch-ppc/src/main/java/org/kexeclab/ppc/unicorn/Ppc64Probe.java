package org.kexeclab.ppc.unicorn;

import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.engine.unicorn.TargetSupport;
import org.kexeclab.engine.unicorn.UnicornProbe;
import org.kexeclab.ppc.PpcRegister;

/**
 * Runs one 64-bit-only PowerPC instruction to learn whether this libunicorn can really execute
 * ppc64 code (Unicorn 2.0.1 cannot: unicorn issue 1779). Tried with the default CPU model and with
 * an explicit POWER9 model; a fixed library passes and ppc64 simply works.
 */
final class Ppc64Probe {
    /** {@code UC_CPU_PPC64_POWER9_V2_0}: an explicit 64-bit model. */
    static final int UC_CPU_PPC64_POWER9_V2_0 = 17;
    /** CPU models to try: -1 = Unicorn's default, then {@link #UC_CPU_PPC64_POWER9_V2_0}. */
    static final int[] MODELS = {-1, UC_CPU_PPC64_POWER9_V2_0};

    private static final long CODE = 0x1000;
    /** {@code ld 3,0x100(4)} (big-endian, from golden-as ppc64): r3 = the doubleword at r4 + 0x100. */
    private static final byte[] LD_R3_0X100_R4 = {(byte) 0xe8, 0x64, 0x01, 0x00};
    private static final long VALUE = 0x0123_4567_89ab_cdefL;

    /** What one probe saw. */
    record Outcome(boolean works, String observed) {
    }

    private Ppc64Probe() {
    }

    /** Runs with the first model that executes the {@code ld}; else does not, saying what each model did. */
    static TargetSupport probe(UnicornProbe probe) {
        StringBuilder seen = new StringBuilder();
        for (int model : MODELS) {
            Outcome o = run(probe, model);
            if (o.works()) {
                return TargetSupport.runsWithModel(model);
            }
            seen.append(seen.length() == 0 ? "" : " and ").append(o.observed())
                    .append(model < 0 ? " with the default CPU model" : " with CPU model " + model);
        }
        return TargetSupport.no("Unicorn " + probe.version() + " cannot run 64-bit PowerPC instructions (a probe `ld` "
                + seen + "; unicorn issue 1779: a 32-bit CPU model is built for UC_MODE_PPC64): use an engine that can");
    }

    static Outcome run(UnicornProbe probe, int model) {
        try (Cpu cpu = probe.open(model)) {
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
