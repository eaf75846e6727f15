package org.kexeclab.bench;

import java.util.concurrent.TimeUnit;
import org.kexeclab.asm.Stub;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.trace.TraceHeader;
import org.kexeclab.trace.TraceSink;
import org.kexeclab.trace.TraceStep;
import org.kexeclab.trace.Tracer;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * What tracing the relocation costs: the same {@link RelocateBench} run with no hook, with a
 * block hook over the stub (one upcall per basic block), with a code hook over the stub (one
 * upcall per instruction, per iteration of a repeated string instruction), each callback only counting, and
 * with {@code tracer}: the project's real per-instruction trace, a {@link Tracer} (code hook,
 * memory hook, followed registers compared, listing looked up) feeding a {@link CountingSink}
 * that formats nothing (text is the sinks' separate step). Every engine:arch target runs, the
 * Java engine's ({@code java:*}) as well as Unicorn's.
 * The {@code instructions} secondary result is time per executed stub instruction (JMH normalises
 * an operations counter like the primary score); the report subtracts {@code none}'s to get the
 * hook's cost per instruction. One-second iterations, so {@code -wi 2 -i 3} stays short.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class TraceOverheadBench {
    /** {@code engine:arch}, see {@link BenchTarget}; {@link BenchMain} fills in the default ones. */
    @Param({})
    public String target;

    /** {@code none}, {@code block}, {@code code} or {@code tracer}. */
    @Param({"none", "block", "code", "tracer"})
    public String hook;

    /** Pages of image data. */
    @Param({"16"})
    public int pages;

    private PreparedRelocation machine;
    private AutoCloseable handle;
    private final CountingSink sink = new CountingSink();
    private long instructionsPerRun;
    private long upcalls;

    /** Executed stub instructions, counted per operation so JMH reports time per instruction. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Instructions {
        /** Instructions executed during the iteration. */
        public long instructions;
    }

    /**
     * Counts the run's instructions on a throwaway machine (a counted run leaves instrumented
     * translations cached, which would slow {@code none}), then prepares the measured machine and
     * installs the hook (not measured).
     */
    @Setup(Level.Trial)
    public void prepare() throws KexecLoadException {
        BenchTarget t = BenchTarget.parse(target);
        try (PreparedRelocation counting = PreparedRelocation.prepare(t, BenchImages.relocation(t.arch(), pages), false, false)) {
            instructionsPerRun = counting.countInstructions();
        }
        machine = PreparedRelocation.prepare(t, BenchImages.relocation(t.arch(), pages), false, false);
        Stub stub = machine.kexec().launch().stub();
        long lo = stub.origin();
        long hi = stub.origin() + stub.size() - 1;
        switch (hook) {
            case "none" -> handle = null;
            case "block" -> handle = machine.cpu().onBlock((address, size) -> upcalls++, lo, hi);
            case "code" -> handle = machine.cpu().onCode((address, size) -> upcalls++, lo, hi);
            case "tracer" -> handle = Tracer.attach(machine.cpu(), machine.kexec().loaded(), stub, sink, -1, 0);
            default -> throw new IllegalArgumentException("hook '" + hook + "' is not none, block, code or tracer");
        }
    }

    /** Restore, then the relocation with the hook installed; returns the upcalls so far. */
    @Benchmark
    public long relocate(Instructions counter) {
        machine.restore();
        machine.relocate();
        counter.instructions += instructionsPerRun;
        return upcalls + sink.steps;
    }

    /** Removes the hook and frees the CPU. */
    @TearDown(Level.Trial)
    public void close() throws Exception {
        if (handle != null) {
            handle.close();
        }
        machine.close();
    }

    /** A trace sink that keeps a checksum of each step's fields and formats nothing. */
    static final class CountingSink implements TraceSink {
        long steps;

        @Override
        public void start(TraceHeader header) {
            steps = 0;
        }

        @Override
        public void step(TraceStep step) {
            steps += 1 + step.changedCount() + step.accessCount() + (step.listingIndex() & 1);
        }

        @Override
        public void finish(String outcome) {
            // nothing to flush: the run never ends the trace, every relocate continues it
        }
    }
}
