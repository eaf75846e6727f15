package org.kexeclab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.kexeclab.Arch;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RegisterSet;
import org.kexeclab.arch.Arches;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngines;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
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
 * An engine run with no hooks: a copy loop over a few pages, the store-heavy shape of kexec's
 * relocation. The loop (its architecture, bytes and registers) is {@code
 * benchmarks/native/copy_loop.txt}, read from the working directory (the repository's root, as
 * for {@link NativeBaseline}); {@code benchmarks/native/harness.c} runs the same bytes the same
 * way in C against the same libunicorn, and the ratio of the two is the binding's overhead.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CopyLoopBenchmark {
    static final long CODE = 0x10000;
    static final long SRC = 0x100000;
    static final long DST = 0x200000;
    /** The loop's description, from the repository's root. */
    static final Path LOOP = Path.of("benchmarks/native/copy_loop.txt");

    @Param({"4"})
    public int pages;

    private Cpu cpu;
    private long bytes;
    private byte[] loop;
    private Register src;
    private Register dst;
    private Register count;

    @Setup
    public void open() throws IOException {
        Map<String, String> conf = new HashMap<>();
        for (String line : Files.readAllLines(LOOP)) {
            String[] f = line.strip().split("\\s+", 2);
            if (f.length == 2 && !f[0].startsWith("#")) {
                conf.put(f[0], f[1]);
            }
        }
        Arch arch = Arches.byName(conf.get("arch"));
        RegisterSet regs = Arches.support(arch).registers();
        loop = HexFormat.of().parseHex(conf.get("code"));
        src = register(regs, conf.get("src"));
        dst = register(regs, conf.get("dst"));
        count = register(regs, conf.get("count"));
        bytes = pages * 4096L;
        cpu = CpuEngines.forArch(arch).open(arch);
        cpu.map(CODE, 0x1000, Perm.READ | Perm.EXEC);
        cpu.map(SRC, bytes, Perm.READ | Perm.WRITE);
        cpu.map(DST, bytes, Perm.READ | Perm.WRITE);
        cpu.write(CODE, loop);
        byte[] data = new byte[(int) bytes];
        new java.util.Random(3).nextBytes(data);
        cpu.write(SRC, data);
    }

    private static Register register(RegisterSet regs, String name) {
        return regs.byName(name).orElseThrow(() -> new IllegalArgumentException(LOOP + " names no register " + name));
    }

    @TearDown
    public void close() {
        cpu.close();
    }

    /** Sets the source, destination and count registers and runs the loop to its end (no hooks, no budget). */
    @Benchmark
    public long copyPages() {
        cpu.writeRegister(src, SRC);
        cpu.writeRegister(dst, DST);
        cpu.writeRegister(count, bytes);
        RunResult r = cpu.run(CODE, CODE + loop.length, RunLimits.NONE);
        return r.pc();
    }
}
