package org.kexeclab.ppc.unicorn;

import java.util.List;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.ppc.PpcFixtures;
import org.kexeclab.testkit.CpuLifecycleContractTest;
import org.kexeclab.testkit.EngineMode;
import org.kexeclab.testkit.Engines;

/** Hooks, contexts and lifecycle of the Unicorn engine on PowerPC. */
class PpcUnicornLifecycleContractTest extends CpuLifecycleContractTest {
    @Override
    protected CpuEngine engine() {
        return Engines.unicorn();
    }

    @Override
    protected List<EngineMode> allModes() {
        return PpcFixtures.modes();
    }
}
