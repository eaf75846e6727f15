package org.kexeclab.bench;

import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.kexeclab.engine.Cpu;
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
 * {@link RelocateBench}'s exact work driven from C: Java prepares the machine as RelocateBench
 * does, dumps it ({@link MachineDump}: RAM, registers, stub bounds, the pages a run changes), and
 * the C harness ({@code libkexecharness.so}, same libunicorn) loads and runs it; JMH times one
 * direct-mapped call per restore and per run. Setup proves it is the same relocation: after one C
 * run the pc is the entry and every changed page hashes (FNV-1a) the same as after the Java run.
 * The binding's overhead ratio is RelocateBench.relocate / NativeBaseline.relocate (restores
 * subtracted on both sides).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class NativeBaseline {
    /** {@code unicorn:arch} (the harness is Unicorn's C API); {@link BenchMain} fills in the Unicorn ones. */
    @Param({})
    public String target;

    /** Pages of image data. */
    @Param({"1", "64", "1024", "16384"})
    public int pages;

    private Pointer machine;

    /** Prepares in Java, dumps, loads in C, checks C reproduces Java's result (not measured). */
    @Setup(Level.Trial)
    public void prepare() throws KexecLoadException, IOException {
        BenchTarget t = BenchTarget.parse(target);
        if (!t.engine().equals("unicorn")) {
            throw new IllegalStateException("NativeBaseline target " + target + " is skipped: the C harness runs Unicorn only");
        }
        NativeHarness.load();
        Path dump = Files.createTempFile("kexec-machine-", ".dmp");
        long[][] runs;
        long[] expected;
        long entry;
        try (PreparedRelocation java = PreparedRelocation.prepare(t, BenchImages.relocation(t.arch(), pages), false, true)) {
            MachineDump.write(java, dump);
            entry = java.entry();
            java.relocate();
            runs = java.changedRuns();
            expected = hashes(java.cpu(), runs);
        }
        try {
            machine = open(dump);
        } finally {
            Files.deleteIfExists(dump);
        }
        checkSameRelocation(runs, expected, entry);
    }

    private static Pointer open(Path dump) {
        byte[] err = new byte[256];
        Pointer m = NativeHarness.kh_open(dump.toString(), err, err.length);
        if (m == null) {
            throw new IllegalStateException("the C harness could not load the machine: "
                    + new String(err, StandardCharsets.UTF_8).trim());
        }
        return m;
    }

    private static long[] hashes(Cpu cpu, long[][] runs) {
        long[] out = new long[runs.length];
        for (int i = 0; i < runs.length; i++) {
            byte[] b = new byte[(int) runs[i][1]];
            cpu.read(runs[i][0], b, 0, b.length);
            out[i] = NativeHarness.fnv1a(b, NativeHarness.FNV_BASIS);
        }
        return out;
    }

    private void checkSameRelocation(long[][] runs, long[] expected, long entry) {
        NativeHarness.kh_restore(machine);
        int err = NativeHarness.kh_run(machine);
        long pc = NativeHarness.kh_pc(machine);
        if (err != 0 || pc != entry) {
            throw new IllegalStateException(String.format("the C harness stopped at 0x%x (uc_err %d), not at the entry 0x%x",
                    pc, err, entry));
        }
        for (int i = 0; i < runs.length; i++) {
            if (NativeHarness.kh_hash(machine, runs[i][0], runs[i][1]) != expected[i]) {
                throw new IllegalStateException(String.format("the C harness left [0x%x, +0x%x) different from the Java run",
                        runs[i][0], runs[i][1]));
            }
        }
    }

    /** Restore, then the relocation, both in C. */
    @Benchmark
    public int relocate() {
        NativeHarness.kh_restore(machine);
        return NativeHarness.kh_run(machine);
    }

    /** The restore alone, in C. */
    @Benchmark
    public int restore() {
        return NativeHarness.kh_restore(machine);
    }

    /** Frees the C machine. */
    @TearDown(Level.Trial)
    public void close() {
        NativeHarness.kh_close(machine);
    }
}
