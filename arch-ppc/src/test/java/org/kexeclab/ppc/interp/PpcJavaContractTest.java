package org.kexeclab.ppc.interp;

import java.util.List;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.ppc.PpcFixtures;
import org.kexeclab.testkit.CpuContractTest;
import org.kexeclab.testkit.EngineMode;
import org.kexeclab.testkit.Engines;

/** The engine contract for ppc32 and ppc64 on the pure-Java engine. */
class PpcJavaContractTest extends CpuContractTest {
    @Override
    protected CpuEngine engine() {
        return Engines.java();
    }

    @Override
    protected List<EngineMode> allModes() {
        return PpcFixtures.modes();
    }
}
