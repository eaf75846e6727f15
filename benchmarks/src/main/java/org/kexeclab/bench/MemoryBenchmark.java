package org.kexeclab.bench;

import java.util.concurrent.TimeUnit;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Bulk guest memory transfer of one buffer ({@code Cpu.write/read(long, byte[])}): target >= 2 GB/s. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MemoryBenchmark {
    private static final long BASE = 0x4000_0000L;

    /** {@code engine:arch}, see {@link BenchTarget}; {@link BenchMain} fills in the default ones. */
    @Param({})
    public String target;

    @Param({"1048576"})
    public int size;

    private Cpu cpu;
    private byte[] buffer;

    @Setup
    public void open() {
        BenchTarget t = BenchTarget.parse(target);
        cpu = t.openableEngine().open(t.arch());
        cpu.map(BASE, 2L * size, Perm.READ | Perm.WRITE);
        buffer = new byte[size];
        new java.util.Random(1).nextBytes(buffer);
    }

    @TearDown
    public void close() {
        cpu.close();
    }

    /** Host array to guest memory. */
    @Benchmark
    public byte[] write() {
        cpu.write(BASE, buffer);
        return buffer;
    }

    /** Guest memory to host array. */
    @Benchmark
    public byte[] read() {
        cpu.read(BASE, buffer, 0, size);
        return buffer;
    }
}
