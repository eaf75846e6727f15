package org.kexeclab.bench;

import java.util.concurrent.TimeUnit;
import org.kexeclab.arch.Arches;
import org.kexeclab.arm64.Arm64Register;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngines;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** One register write or read through the binding (direct-mapped {@code uc_reg_write/read}). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RegisterBenchmark {
    private Cpu cpu;
    private long value;

    @Setup
    public void open() {
        cpu = CpuEngines.defaultEngine().open(Arches.byName("arm64"));
    }

    @TearDown
    public void close() {
        cpu.close();
    }

    /** {@code writeRegister(X5, v)}: target <= 150 ns. */
    @Benchmark
    public void writeRegister() {
        cpu.writeRegister(Arm64Register.X5, value++);
    }

    /** {@code readRegister(X5)}. */
    @Benchmark
    public long readRegister() {
        return cpu.readRegister(Arm64Register.X5);
    }
}
