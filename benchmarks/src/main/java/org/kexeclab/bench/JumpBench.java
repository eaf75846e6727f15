package org.kexeclab.bench;

import java.util.concurrent.TimeUnit;
import org.kexeclab.image.IndirectionList;
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
 * The handoff alone: a crash image (loaded in place, so the list's head is DONE) run from the
 * stub's first instruction to the entry. What remains is the stub's fixed cost: saving and
 * setting registers, cache and TLB maintenance, the list walk's first read, the jump.
 * {@link #restore} is the restore alone, as in {@link RelocateBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class JumpBench {
    /** {@code engine:arch}, see {@link BenchTarget}; {@link BenchMain} fills in the default ones. */
    @Param({})
    public String target;

    private PreparedRelocation machine;

    /** Prepares the crash kexec (not measured). */
    @Setup(Level.Trial)
    public void prepare() throws KexecLoadException {
        BenchTarget t = BenchTarget.parse(target);
        machine = PreparedRelocation.prepare(t, BenchImages.crash(t.arch()), false, false);
        long head = machine.kexec().loaded().head();
        if (head != IndirectionList.IND_DONE) {
            throw new IllegalStateException("the crash image's list head is 0x" + Long.toHexString(head) + ", not DONE");
        }
    }

    /** Restore, then the stub from its first instruction to the entry. */
    @Benchmark
    public long jump() {
        machine.restore();
        return machine.relocate();
    }

    /** The restore alone. */
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
