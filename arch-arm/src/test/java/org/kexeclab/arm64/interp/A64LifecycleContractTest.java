package org.kexeclab.arm64.interp;

import java.util.List;
import org.kexeclab.arm.ArmFixtures;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.testkit.CpuLifecycleContractTest;
import org.kexeclab.testkit.EngineMode;
import org.kexeclab.testkit.Engines;

/** Hooks, contexts and lifecycle of the Java engine on arm64. */
class A64LifecycleContractTest extends CpuLifecycleContractTest {
    @Override
    protected CpuEngine engine() {
        return Engines.java();
    }

    @Override
    protected List<EngineMode> allModes() {
        return List.of(ArmFixtures.ARM64);
    }
}
