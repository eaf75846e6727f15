package org.kexeclab.arm.unicorn;

import java.util.List;
import org.kexeclab.arm.ArmFixtures;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.testkit.CpuLifecycleContractTest;
import org.kexeclab.testkit.EngineMode;
import org.kexeclab.testkit.Engines;

/** Hooks, contexts and lifecycle of the Unicorn engine on arm64, A32 and Thumb. */
class ArmUnicornLifecycleContractTest extends CpuLifecycleContractTest {
    @Override
    protected CpuEngine engine() {
        return Engines.unicorn();
    }

    @Override
    protected List<EngineMode> allModes() {
        return ArmFixtures.modes();
    }
}
