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
 * {@code uc_reg_write/read}): the first register the architecture's traces follow; and every
 * followed register read as a tracer reads them after each step, one call each or together
 * ({@code readRegisters}: one {@code uc_reg_read_batch} on Unicorn).
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
    private Register[] traced;
    private long[] values;
    private long value;

    @Setup
    public void open() {
        BenchTarget t = BenchTarget.parse(target);
        cpu = t.openableEngine().open(t.arch());
        register = Arches.support(t.arch()).registers().traced().get(0);
        traced = Arches.support(t.arch()).registers().traced().toArray(new Register[0]);
        values = new long[traced.length];
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

    /** Every followed register, one {@code readRegister} each: what a tracer step cost before batching. */
    @Benchmark
    public long readTracedOneByOne() {
        long sum = 0;
        for (Register r : traced) {
            sum += cpu.readRegister(r);
        }
        return sum;
    }

    /** Every followed register in one {@code readRegisters}. */
    @Benchmark
    public long readTracedTogether() {
        cpu.readRegisters(traced, values);
        return values[0];
    }
}
