package org.kexeclab.bench;

import java.util.concurrent.TimeUnit;
import org.kexeclab.image.KexecLoadException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The whole {@code machine_kexec} relocation per architecture and image size: from the stub's
 * first instruction to the new kernel's entry, no hooks, no counting. Setup (engine, RAM, list,
 * stub) happens once per trial. {@link #relocate} restores the registers and every page the
 * previous run changed, then runs the stub; {@link #restore} measures the restore alone so the
 * report can subtract it (relocation = relocate - restore).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class RelocateBench {
    /** {@code engine:arch}, see {@link BenchTarget}; {@link BenchMain} fills in the default ones. */
    @Param({})
    public String target;

    /** Pages of image data (4 KiB each). */
    @Param({"1", "64", "1024", "16384"})
    public int pages;

    /** {@code copy}, or {@code swap} (preserve-context, where the architecture has it: sources are restored too). */
    @Param({"copy"})
    public String mode;

    private PreparedRelocation machine;

    /** Prepares the machine and finds the pages a run changes (not measured). */
    @Setup(Level.Trial)
    public void prepare() throws KexecLoadException {
        BenchTarget t = BenchTarget.parse(target);
        machine = PreparedRelocation.prepare(t, BenchImages.relocation(t.arch(), pages), "swap".equals(mode), false);
    }

    /** Restore, then the relocation from the stub's first instruction to the entry. */
    @Benchmark
    public long relocate() {
        machine.restore();
        return machine.relocate();
    }

    /** The restore alone (registers + changed pages): subtract it from {@link #relocate}. */
    @Benchmark
    public long restore() {
        machine.restore();
        return machine.entry();
    }

    /** Frees the CPU. */
    @TearDown(Level.Trial)
    public void close() {
        machine.close();
    }
}
