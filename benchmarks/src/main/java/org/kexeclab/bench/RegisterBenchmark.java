package org.kexeclab.bench;

import java.util.concurrent.TimeUnit;
import org.kexeclab.arch.Arches;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Register;
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
 * One register write or read through an engine (on Unicorn, the binding's direct-mapped
 * {@code uc_reg_write/read}): the first register the architecture's traces follow.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RegisterBenchmark {
    /** {@code engine:arch}, see {@link BenchTarget}; {@link BenchMain} fills in the default ones. */
    @Param({})
    public String target;

    private Cpu cpu;
    private Register register;
    private long value;

    @Setup
    public void open() {
        BenchTarget t = BenchTarget.parse(target);
        cpu = t.openableEngine().open(t.arch());
        register = Arches.support(t.arch()).registers().traced().get(0);
    }

    @TearDown
    public void close() {
        cpu.close();
    }

    /** {@code writeRegister(r, v)}: target <= 150 ns. */
    @Benchmark
    public void writeRegister() {
        cpu.writeRegister(register, value++);
    }

    /** {@code readRegister(r)}. */
    @Benchmark
    public long readRegister() {
        return cpu.readRegister(register);
    }
}
