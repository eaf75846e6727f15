package org.kexeclab.riscv.interp;

import java.util.List;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.riscv.RiscvFixtures;
import org.kexeclab.testkit.CpuLifecycleContractTest;
import org.kexeclab.testkit.EngineMode;
import org.kexeclab.testkit.Engines;

/** Hooks, contexts and lifecycle of the Java engine on riscv64. */
class RiscvJavaLifecycleContractTest extends CpuLifecycleContractTest {
    @Override
    protected CpuEngine engine() {
        return Engines.java();
    }

    @Override
    protected List<EngineMode> allModes() {
        return List.of(RiscvFixtures.RISCV64);
    }
}
