package org.kexeclab.x86.interp;

import java.util.List;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.testkit.CpuLifecycleContractTest;
import org.kexeclab.testkit.EngineMode;
import org.kexeclab.testkit.Engines;
import org.kexeclab.x86.X86Fixtures;

/** Hooks, contexts and lifecycle of the pure-Java engine on x86_64. */
class X86JavaLifecycleContractTest extends CpuLifecycleContractTest {
    @Override
    protected CpuEngine engine() {
        return Engines.java();
    }

    @Override
    protected List<EngineMode> allModes() {
        return X86Fixtures.modes();
    }
}
