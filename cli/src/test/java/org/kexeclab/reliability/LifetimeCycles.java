package org.kexeclab.reliability;

import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.CpuEngines;
import org.kexeclab.engine.HookHandle;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.x86.X86Arches;
import org.kexeclab.x86.X86Register;

/**
 * Engine open/map/hook/run/close cycles and the slope of resident memory over them. Run as a
 * child JVM with a fixed, pre-touched heap ({@link NativeLifetimeTest}) so that the Java heap
 * does not move VmRSS and what remains is native memory: {@code main(cycles)} prints
 * {@code RELIABILITY lifetime cycles=.. slopeKiBPerCycle=..}.
 */
final class LifetimeCycles {
    /** Where the program is mapped. */
    static final long CODE = 0x10000;
    /** x86_64: inc rax, four times. */
    static final byte[] PROGRAM = {0x48, (byte) 0xff, (byte) 0xc0, 0x48, (byte) 0xff, (byte) 0xc0,
        0x48, (byte) 0xff, (byte) 0xc0, 0x48, (byte) 0xff, (byte) 0xc0};

    private LifetimeCycles() {
    }

    /** Runs {@code args[0]} cycles and prints the summary line. */
    public static void main(String[] args) {
        int cycles = Integer.parseInt(args[0]);
        long before = ResidentMemory.kib();
        double slope = measure(CpuEngines.defaultEngine(), cycles);
        System.out.printf("RELIABILITY lifetime cycles=%d slopeKiBPerCycle=%.4f rssBeforeKiB=%d rssAfterKiB=%d%n",
                cycles, slope, before, ResidentMemory.kib());
    }

    /** Runs {@code cycles} cycles; returns the RSS slope in KiB per cycle over the second half (the first half warms up JIT and malloc arenas). */
    static double measure(CpuEngine engine, int cycles) {
        int warmup = Math.max(200, cycles / 2);
        int every = Math.max(1, (cycles - warmup) / 40);
        int samples = (cycles - warmup) / every;
        long[] x = new long[samples];
        long[] y = new long[samples];
        int gcEvery = Integer.getInteger("reliability.lifetime.gcEvery", 0);
        for (int i = 0, s = 0; i < cycles; i++) {
            cycle(engine);
            if (gcEvery > 0 && i % gcEvery == 0) {
                System.gc();
            }
            if (i >= warmup && (i - warmup) % every == every - 1 && s < samples) {
                x[s] = i;
                y[s++] = ResidentMemory.kib();
            }
        }
        if (Boolean.getBoolean("reliability.lifetime.samples")) {
            for (int i = 0; i < samples; i++) {
                System.out.println("RELIABILITY lifetime-sample cycle=" + x[i] + " rssKiB=" + y[i]);
            }
        }
        return ResidentMemory.slope(x, y);
    }

    /**
     * One cycle. Mode (system property {@code reliability.lifetime.mode}, for isolating a
     * leak): {@code open} = open and close only, {@code map} = also map and write,
     * {@code run} = also run, default {@code full} = also a block hook installed and removed;
     * {@code leak} = open, map and run without closing (the figure a leaked engine would give).
     */
    static void cycle(CpuEngine engine) {
        String mode = System.getProperty("reliability.lifetime.mode", "full");
        if (!mode.equals("full")) {
            partialCycle(engine, mode);
            return;
        }
        try (Cpu cpu = open(engine)) {
            long[] blocks = new long[1];
            HookHandle h = cpu.onBlock((a, s) -> blocks[0]++, CODE, CODE + PROGRAM.length - 1);
            run(cpu);
            h.close();
            if (blocks[0] < 1 || cpu.readRegister(X86Register.RAX) != 4) {
                throw new AssertionError("the cycle's program did not run: rax " + cpu.readRegister(X86Register.RAX));
            }
        }
    }

    private static void partialCycle(CpuEngine engine, String mode) {
        if (mode.equals("leak")) {
            run(open(engine));
            return;
        }
        try (Cpu cpu = engine.open(X86Arches.X86_64)) {
            if (!mode.equals("open")) {
                cpu.map(CODE, 0x1000, Perm.ALL);
                cpu.write(CODE, PROGRAM);
            }
            if (mode.equals("run")) {
                run(cpu);
            }
        }
    }

    /** An x86_64 CPU with {@link #PROGRAM} mapped at {@link #CODE}. */
    static Cpu open(CpuEngine engine) {
        Cpu cpu = engine.open(X86Arches.X86_64);
        cpu.map(CODE, 0x1000, Perm.ALL);
        cpu.write(CODE, PROGRAM);
        return cpu;
    }

    /** Runs {@link #PROGRAM} from rax = 0. */
    static void run(Cpu cpu) {
        cpu.writeRegister(X86Register.RAX, 0);
        RunResult r = cpu.run(CODE, CODE + PROGRAM.length, RunLimits.NONE);
        if (!r.reachedUntil()) {
            throw new AssertionError("program did not reach its end: " + r);
        }
    }
}
