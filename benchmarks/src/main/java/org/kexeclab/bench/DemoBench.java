package org.kexeclab.bench;

import java.util.concurrent.TimeUnit;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.engine.CpuEngines;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.DemoImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The work of {@code kexec-lab demo} inside one JVM: for every registered architecture on its
 * default engine, build and load the demo image, prepare the machine, relocate with counting on
 * and run the entry probe, as the demo's table does (the engines listing, the printing and the
 * trace excerpt left out). What it leaves out of the command's wall time is the JVM's start and
 * class loading, which {@code /usr/bin/time ./kexec-lab demo} measures.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class DemoBench {

    /** Every architecture relocated and verified once; returns the instructions counted. */
    @Benchmark
    public long demo() throws KexecLoadException {
        long instructions = 0;
        for (Arch arch : Arches.all()) {
            MachineKexec machine = Arches.support(arch).machineKexec();
            LoadedImage loaded = LoadedImage.load(DemoImage.build(machine, false),
                    LoadOptions.defaults().withControlPages(machine.controlPages()));
            try (KexecRun run = KexecRun.prepare(machine, loaded, KexecOptions.defaults(),
                    CpuEngines.forArch(arch))) {
                KexecOutcome o = run.execute();
                if (!o.verified()) {
                    throw new IllegalStateException(arch.name() + " not verified: " + o.failures());
                }
                instructions += o.instructions();
            }
        }
        return instructions;
    }
}
