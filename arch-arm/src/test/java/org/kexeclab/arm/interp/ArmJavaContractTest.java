package org.kexeclab.arm.interp;

import java.util.List;
import org.kexeclab.arm.ArmFixtures;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.testkit.CpuContractTest;
import org.kexeclab.testkit.EngineMode;
import org.kexeclab.testkit.Engines;

/** The engine contract for arm64, A32 and Thumb on the pure-Java engine. */
class ArmJavaContractTest extends CpuContractTest {
    @Override
    protected CpuEngine engine() {
        return Engines.java();
    }

    @Override
    protected List<EngineMode> allModes() {
        return ArmFixtures.modes();
    }
}
