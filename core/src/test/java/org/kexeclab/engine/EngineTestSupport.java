package org.kexeclab.engine;

import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;

/**
 * Shared plumbing of the engine contract suites: the engine under test, the modes it supports
 * here, and loading and running the golden programs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EngineTestSupport {

    /** The engine under test. */
    protected abstract CpuEngine engine();

    /** The modes {@link #engine()} supports here. */
    protected Stream<ModeFixture> modes() {
        return Stream.of(ExecutionMode.values())
                .filter(m -> engine().probe(m.arch()).supported())
                .map(ModeFixture::of);
    }

    /** Opens {@code f}'s CPU with program {@code name} loaded at {@link ModeFixture#CODE}. */
    protected Cpu load(ModeFixture f, String name) {
        return f.load(engine(), GoldenPrograms.of(f.mode()).get(name));
    }

    /** Runs program {@code name} to its trailing {@code nop}. */
    protected RunResult runToLastNop(Cpu cpu, ModeFixture f, String name, RunLimits limits) {
        int len = GoldenPrograms.of(f.mode()).get(name).length;
        return cpu.run(f.mode().entry(ModeFixture.CODE), ModeFixture.CODE + len - f.nopSize(), limits);
    }

}
