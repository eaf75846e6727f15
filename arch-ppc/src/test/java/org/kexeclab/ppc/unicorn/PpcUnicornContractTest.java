package org.kexeclab.ppc.unicorn;

import java.util.List;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.ppc.PpcFixtures;
import org.kexeclab.testkit.CpuContractTest;
import org.kexeclab.testkit.EngineMode;
import org.kexeclab.testkit.Engines;

/** The engine contract for PowerPC on Unicorn (ppc64 where its probe passes). */
class PpcUnicornContractTest extends CpuContractTest {
    @Override
    protected CpuEngine engine() {
        return Engines.unicorn();
    }

    @Override
    protected List<EngineMode> allModes() {
        return PpcFixtures.modes();
    }
}
