package org.kexeclab.x86.interp;

import java.util.List;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.testkit.CpuContractTest;
import org.kexeclab.testkit.EngineMode;
import org.kexeclab.testkit.Engines;
import org.kexeclab.x86.X86Fixtures;

/** The engine contract for x86_64 on the pure-Java engine. */
class X86JavaContractTest extends CpuContractTest {
    @Override
    protected CpuEngine engine() {
        return Engines.java();
    }

    @Override
    protected List<EngineMode> allModes() {
        return X86Fixtures.modes();
    }
}
