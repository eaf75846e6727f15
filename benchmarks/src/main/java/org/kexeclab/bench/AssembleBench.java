package org.kexeclab.bench;

import java.util.concurrent.TimeUnit;
import org.kexeclab.arch.Arches;
import org.kexeclab.kexec.MachineKexec;
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
 * Assembling each architecture's relocation stub from its {@code .S} source with the project's
 * assembler (parse, relax, encode), as {@code machine_kexec_prepare} does once per kexec, for
 * a control page not assembled before.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class AssembleBench {
    private static final long CONTROL_PAGE = 0x200000;
    private static final long FRESH_PAGES = 1 << 20;

    /** Architecture (the assembler needs no engine); {@link BenchMain} fills in every registered one. */
    @Param({})
    public String arch;

    private MachineKexec machine;
    private long next;

    /** Finds the architecture's MachineKexec (not measured). */
    @Setup(Level.Trial)
    public void find() {
        machine = Arches.support(Arches.byName(arch)).machineKexec();
    }

    /**
     * Assembles the stub for a control page not used before (a MachineKexec may cache stubs by
     * control page; a fresh page makes every call a real assembly); returns its size.
     */
    @Benchmark
    public int assembleStub() {
        next = (next + 1) % FRESH_PAGES;
        return machine.assembleStub(CONTROL_PAGE + next * 4096).size();
    }
}
