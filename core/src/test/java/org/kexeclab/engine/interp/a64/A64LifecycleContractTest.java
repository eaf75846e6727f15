package org.kexeclab.engine.interp.a64;

import java.util.stream.Stream;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.CpuLifecycleContractTest;
import org.kexeclab.engine.ExecutionMode;
import org.kexeclab.engine.ModeFixture;
import org.kexeclab.engine.interp.InterpEngine;

/** Hooks, contexts and lifecycle of the Java engine on AArch64. */
class A64LifecycleContractTest extends CpuLifecycleContractTest {
    @Override
    protected CpuEngine engine() {
        return InterpEngine.instance();
    }

    @Override
    protected Stream<ModeFixture> modes() {
        return Stream.of(ModeFixture.of(ExecutionMode.ARM64));
    }
}
