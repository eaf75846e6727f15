package org.kexeclab.bench;

import java.util.concurrent.TimeUnit;
import org.kexeclab.gdb.DebuggedKexec;
import org.kexeclab.gdb.RecordedRun;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecRun;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one {@code reverse-stepi} costs a GDB session: the relocation of a large image recorded for
 * a million instructions as the server records it (a checkpoint of the registers every
 * {@link RecordedRun#defaultInterval()} instructions, a journal of every store), then stepped
 * back one instruction per operation. Each step back undoes the journal to the checkpoint before
 * it and re-executes forward to the instruction before, so the cost depends on where in the
 * interval the step lands: sampled times (p50, p99, max) over thousands of consecutive steps cover
 * every position. The target is every step under 50 ms.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
public class ReverseStepBench {
    /** Instructions recorded before the steps back. */
    public static final long RECORDED = 1_000_000;

    /** {@code engine:arch}, see {@link BenchTarget}; {@link BenchMain} fills in the default ones. */
    @Param({})
    public String target;

    /** Pages of image data: enough for a million instructions (16 MiB). */
    @Param({"4096"})
    public int pages;

    private KexecRun run;
    private RecordedRun recorded;

    /**
     * Prepares the image and records a million instructions; refuses a target whose stub ends
     * sooner (the Java engine counts a repeated string instruction as one, so a copy by one
     * needs a much larger image there).
     */
    @Setup(Level.Trial)
    public void record() throws KexecLoadException {
        BenchTarget t = BenchTarget.parse(target);
        LoadedImage loaded = LoadedImage.load(BenchImages.relocation(t.arch(), pages), LoadOptions.defaults()
                .withSeed(42).withControlPages(t.machine().controlPages()));
        KexecOptions options = KexecOptions.defaults().withProbe(false);
        run = KexecRun.prepare(t.machine(), loaded, options, t.openableEngine());
        recorded = new RecordedRun(new DebuggedKexec(run, options.instructionBudget(), null),
                RecordedRun.defaultInterval());
        long n = recorded.forward(RECORDED);
        if (n != RECORDED) {
            throw new IllegalStateException("the stub ended after " + n + " instructions, before " + RECORDED
                    + ": give it more pages (-p pages=N)");
        }
    }

    /** One instruction back (the history is a million long: the steps never reach its start). */
    @Benchmark
    public long reverseStep() {
        return recorded.stepBack();
    }

    /** Removes the recording's hooks and frees the CPU. */
    @TearDown(Level.Trial)
    public void close() {
        recorded.close();
        run.close();
    }
}
