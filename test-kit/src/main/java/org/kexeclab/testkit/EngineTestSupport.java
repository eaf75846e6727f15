package org.kexeclab.testkit;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;

/**
 * Shared plumbing of the engine contract suites: the engine under test, the architecture's modes
 * (from the arch module's fixture), the ones the engine runs here, and loading and running the
 * golden programs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EngineTestSupport {

    /** The engine under test. */
    protected abstract CpuEngine engine();

    /** Every mode of the architecture under test. */
    protected abstract List<EngineMode> allModes();

    /** The modes {@link #engine()} supports here (none when its library is missing). */
    protected Stream<EngineMode> modes() {
        return allModes().stream().filter(m -> engine().probe(m.arch()).supported());
    }

    /** Opens {@code f}'s CPU with program {@code name} loaded at {@link EngineMode#CODE}. */
    protected Cpu load(EngineMode f, String name) {
        return f.load(engine(), GoldenPrograms.of(f).get(name));
    }

    /** Runs program {@code name} to its trailing {@code nop}. */
    protected RunResult runToLastNop(Cpu cpu, EngineMode f, String name, RunLimits limits) {
        int len = GoldenPrograms.of(f).get(name).length;
        return cpu.run(f.entry(EngineMode.CODE), EngineMode.CODE + len - f.nopSize(), limits);
    }

}
