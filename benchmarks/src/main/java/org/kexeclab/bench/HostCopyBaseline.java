package org.kexeclab.bench;

import java.util.concurrent.TimeUnit;
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

/**
 * The physical limit line: the same number of bytes {@link RelocateBench} relocates, copied by
 * the JVM a page at a time ({@code System.arraycopy} of 4 KiB from a source buffer to a
 * destination buffer), the way the stub copies page by page.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class HostCopyBaseline {
    private static final int PAGE = 4096;

    /** Pages of 4 KiB. */
    @Param({"1", "64", "1024", "16384"})
    public int pages;

    private byte[] source;
    private byte[] destination;

    /** Fills the source with pseudo-random bytes (not measured). */
    @Setup(Level.Trial)
    public void fill() {
        source = new byte[pages * PAGE];
        destination = new byte[pages * PAGE];
        new java.util.Random(7).nextBytes(source);
    }

    /** Copies every page, one 4 KiB {@code arraycopy} each; returns a byte of the last page. */
    @Benchmark
    public byte copyPages() {
        for (int p = 0; p < pages; p++) {
            System.arraycopy(source, p * PAGE, destination, p * PAGE, PAGE);
        }
        return destination[destination.length - 1];
    }
}
