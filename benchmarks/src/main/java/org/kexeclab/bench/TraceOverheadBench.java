package org.kexeclab.bench;

import java.util.concurrent.TimeUnit;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.HookHandle;
import org.kexeclab.image.KexecLoadException;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * What tracing the relocation costs: the same {@link RelocateBench} run with no hook, with a
 * block hook over the stub (one upcall per basic block), and with a code hook over the stub (one
 * upcall per instruction, per iteration of an x86 {@code rep}); each callback only counts. Raw
 * {@code Cpu} hooks are used so the figure is the upcall's own cost, below any trace sink.
 * The {@code instructions} secondary result is time per executed stub instruction (JMH normalises
 * an operations counter like the primary score); the report subtracts {@code none}'s to get the
 * hook's cost per instruction.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class TraceOverheadBench {
    /** {@code engine:arch}, see {@link BenchTarget}. */
    @Param({"unicorn:x86_64", "unicorn:arm64", "unicorn:arm", "unicorn:ppc32"})
    public String target;

    /** {@code none}, {@code block} or {@code code}. */
    @Param({"none", "block", "code"})
    public String hook;

    /** Pages of image data. */
    @Param({"16"})
    public int pages;

    private PreparedRelocation machine;
    private HookHandle handle;
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
            default -> throw new IllegalArgumentException("hook '" + hook + "' is not none, block or code");
        }
    }

    /** Restore, then the relocation with the hook installed; returns the upcalls so far. */
    @Benchmark
    public long relocate(Instructions counter) {
        machine.restore();
        machine.relocate();
        counter.instructions += instructionsPerRun;
        return upcalls;
    }

    /** Removes the hook and frees the CPU. */
    @TearDown(Level.Trial)
    public void close() {
        if (handle != null) {
            handle.close();
        }
        machine.close();
    }
}
