package org.kexeclab.arm.interp;

import java.util.List;
import org.kexeclab.arm.ArmFixtures;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.testkit.CpuLifecycleContractTest;
import org.kexeclab.testkit.EngineMode;
import org.kexeclab.testkit.Engines;

/** Hooks, contexts and lifecycle of the Java engine on ARM (A32 and Thumb). */
class A32LifecycleContractTest extends CpuLifecycleContractTest {
    @Override
    protected CpuEngine engine() {
        return Engines.java();
    }

    @Override
    protected List<EngineMode> allModes() {
        return List.of(ArmFixtures.ARM, ArmFixtures.THUMB);
    }
}
