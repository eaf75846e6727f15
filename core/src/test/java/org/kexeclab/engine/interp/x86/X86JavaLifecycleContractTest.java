package org.kexeclab.engine.interp.x86;

import java.util.stream.Stream;
import org.kexeclab.engine.CpuLifecycleContractTest;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.ExecutionMode;
import org.kexeclab.engine.ModeFixture;
import org.kexeclab.engine.interp.InterpEngine;

/** The engine's LifecycleContractTest contract for x86_64 on the pure-Java engine (the mode under test here). */
class X86JavaLifecycleContractTest extends CpuLifecycleContractTest {
    @Override
    protected CpuEngine engine() {
        return InterpEngine.instance();
    }

    @Override
    protected Stream<ModeFixture> modes() {
        return Stream.of(ModeFixture.of(ExecutionMode.X86_64));
    }
}
