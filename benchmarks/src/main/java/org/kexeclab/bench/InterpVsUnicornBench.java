package org.kexeclab.bench;

import java.util.concurrent.TimeUnit;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.CpuEngines;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.SegmentData;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.ppc.Ppc32MachineKexec;
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
 * Relocation of {@link #pages} pages by the ppc32 stub on Unicorn and on the Java interpreter
 * ({@code engine} = {@code unicorn} or {@code java}): one {@link KexecRun#execute()} per
 * invocation (the stub's run, the oracle's verification and the entry probe), with RAM mapped
 * and the image written beforehand (not measured). {@link #main} prints the stub's own time
 * inside each engine ({@link KexecOutcome#elapsedNanos()}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class InterpVsUnicornBench {

    @Param({"1024"})
    public int pages;

    @Param({"unicorn", "java"})
    public String engine;

    private LoadedImage loaded;
    private KexecRun run;

    /** Loads the image once (not measured). */
    @Setup(Level.Trial)
    public void load() throws Exception {
        loaded = image(new Ppc32MachineKexec(), pages);
    }

    /** Maps RAM and writes list and pages (not measured). */
    @Setup(Level.Invocation)
    public void prepare() {
        run = KexecRun.prepare(new Ppc32MachineKexec(), loaded, KexecOptions.defaults(), CpuEngines.byName(engine));
    }

    @TearDown(Level.Invocation)
    public void close() {
        run.close();
    }

    /** One relocation, verified. */
    @Benchmark
    public KexecOutcome relocate() {
        return run.execute();
    }

    /** A one-segment image of {@code pages} pages at 16 MiB, with the entry probe at its start. */
    static LoadedImage image(MachineKexec machine, int pages) throws Exception {
        long entry = 0x100_0000L;
        byte[] probe = machine.entryProbe(entry, StandardMachine.PROBE_RECORD).code();
        long size = pages * 4096L;
        byte[] bytes = new byte[(int) size];
        new java.util.Random(7).nextBytes(bytes);
        System.arraycopy(probe, 0, bytes, 0, probe.length);
        KexecImage image = KexecImage.builder(machine.arch())
                .layout(StandardMachine.layout(StandardMachine.DEFAULT_RAM).build()).entry(entry)
                .segment(SegmentData.of(bytes), entry, size)
                .build();
        return LoadedImage.load(image, LoadOptions.defaults().withControlPages(machine.controlPages()));
    }

    /** A timed run: the stub's time inside each engine for 1024 pages, best of 10. */
    public static void main(String[] args) throws Exception {
        int pages = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        LoadedImage loaded = image(new Ppc32MachineKexec(), pages);
        for (String name : new String[] {"unicorn", "java"}) {
            CpuEngine e = CpuEngines.byName(name);
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 10; i++) {
                try (KexecRun r = KexecRun.prepare(new Ppc32MachineKexec(), loaded, KexecOptions.defaults(), e)) {
                    KexecOutcome o = r.execute();
                    if (!o.verified()) {
                        throw new IllegalStateException(name + " did not verify: " + o.failures());
                    }
                    best = Math.min(best, o.elapsedNanos());
                }
            }
            System.out.printf("%-40s %d pages, KexecRun (block + page hooks): stub %.2f ms, %.1f MB/s%n",
                    e.name(), pages, best / 1e6, pages * 4096.0 / (best / 1e9) / 1e6);
            long bare = Long.MAX_VALUE;
            for (int i = 0; i < 10; i++) {
                try (KexecRun r = KexecRun.prepare(new Ppc32MachineKexec(), loaded, KexecOptions.defaults(), e)) {
                    long entry = loaded.image().entry();
                    org.kexeclab.engine.RunResult rr = r.cpu().run(r.launch().begin(), entry,
                            org.kexeclab.engine.RunLimits.NONE);
                    if (!rr.reachedUntil()) {
                        throw new IllegalStateException(name + ": " + rr);
                    }
                    bare = Math.min(bare, rr.elapsedNanos());
                }
            }
            System.out.printf("%-40s %d pages, bare Cpu.run (no hooks):       stub %.2f ms, %.1f MB/s%n",
                    e.name(), pages, bare / 1e6, pages * 4096.0 / (bare / 1e9) / 1e6);
        }
    }
}
