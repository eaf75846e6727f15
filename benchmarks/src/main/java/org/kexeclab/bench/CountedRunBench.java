package org.kexeclab.bench;

import java.util.concurrent.TimeUnit;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
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
 * What {@code kexec-lab run} does by default, timed: {@code KexecRun.execute()} with instruction
 * and page counting on, against the same call with counting off (the verification of every
 * destination byte is in both; the entry probe in neither). The counted run should cost little
 * more than the bare one; the ratio of the two scores is the price of counting on that engine.
 * Each call first restores the registers and the pages the previous run changed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class CountedRunBench {
    /** {@code engine:arch}, see {@link BenchTarget}; {@link BenchMain} fills in the default ones. */
    @Param({})
    public String target;

    /** Pages of image data (4 KiB each). */
    @Param({"1024"})
    public int pages;

    /** {@code on}: instructions and pages counted, as {@code run} does; {@code off}: a bare run. */
    @Param({"off", "on"})
    public String counting;

    private PreparedRelocation machine;

    /** Prepares the machine once per trial (not measured). */
    @Setup(Level.Trial)
    public void prepare() throws KexecLoadException {
        BenchTarget t = BenchTarget.parse(target);
        KexecOptions options = KexecOptions.defaults().withCounting("on".equals(counting)).withProbe(false);
        machine = PreparedRelocation.prepare(t, BenchImages.relocation(t.arch(), pages), options, false);
    }

    /** Restore, then the run as {@code kexec-lab run} does it; returns the instructions (-1 uncounted). */
    @Benchmark
    public long execute() {
        machine.restore();
        KexecOutcome o = machine.kexec().execute();
        if (!o.verified()) {
            throw new IllegalStateException("not verified: " + o.failures());
        }
        return o.instructions();
    }

    /** Frees the CPU. */
    @TearDown(Level.Trial)
    public void close() {
        machine.close();
    }
}
