package org.kexeclab.bench;

import java.util.concurrent.TimeUnit;
import org.kexeclab.arch.Arches;
import org.kexeclab.arm64.Arm64Register;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngines;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * An engine run with no hooks: an AArch64 copy loop over a few pages, the store-heavy shape of
 * kexec's relocation. {@code benchmarks/native/harness.c} runs the same bytes the same way in C
 * against the same libunicorn; the ratio of the two is the binding's overhead.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CopyLoopBenchmark {
    static final long CODE = 0x10000;
    static final long SRC = 0x100000;
    static final long DST = 0x200000;

    /** From golden-as arm64 (same bytes as harness.c). */
    static final byte[] COPY_LOOP = {
        0x03, 0x10, (byte) 0xc1, (byte) 0xa8,  // ldp x3, x4, [x0], #16
        0x23, 0x10, (byte) 0x81, (byte) 0xa8,  // stp x3, x4, [x1], #16
        0x42, 0x40, 0x00, (byte) 0xf1,         // subs x2, x2, #16
        (byte) 0xa1, (byte) 0xff, (byte) 0xff, 0x54, // b.ne .-12
    };

    @Param({"4"})
    public int pages;

    private Cpu cpu;
    private long bytes;

    @Setup
    public void open() {
        bytes = pages * 4096L;
        cpu = CpuEngines.defaultEngine().open(Arches.byName("arm64"));
        cpu.map(CODE, 0x1000, Perm.READ | Perm.EXEC);
        cpu.map(SRC, bytes, Perm.READ | Perm.WRITE);
        cpu.map(DST, bytes, Perm.READ | Perm.WRITE);
        cpu.write(CODE, COPY_LOOP);
        byte[] data = new byte[(int) bytes];
        new java.util.Random(3).nextBytes(data);
        cpu.write(SRC, data);
    }

    @TearDown
    public void close() {
        cpu.close();
    }

    /** Sets x0, x1, x2 and runs the loop to its end (no hooks, no budget). */
    @Benchmark
    public long copyPages() {
        cpu.writeRegister(Arm64Register.X0, SRC);
        cpu.writeRegister(Arm64Register.X1, DST);
        cpu.writeRegister(Arm64Register.X2, bytes);
        RunResult r = cpu.run(CODE, CODE + COPY_LOOP.length, RunLimits.NONE);
        return r.pc();
    }
}
