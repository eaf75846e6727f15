package org.kexeclab.engine.interp.a32;

import java.util.stream.Stream;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.CpuLifecycleContractTest;
import org.kexeclab.engine.ExecutionMode;
import org.kexeclab.engine.ModeFixture;
import org.kexeclab.engine.interp.InterpEngine;

/** Hooks, contexts and lifecycle of the Java engine on ARM (A32 and Thumb). */
class A32LifecycleContractTest extends CpuLifecycleContractTest {
    @Override
    protected CpuEngine engine() {
        return InterpEngine.instance();
    }

    @Override
    protected Stream<ModeFixture> modes() {
        return Stream.of(ModeFixture.of(ExecutionMode.ARM), ModeFixture.of(ExecutionMode.THUMB));
    }
}
