package org.kexeclab.riscv.unicorn;

import java.util.List;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.riscv.RiscvFixtures;
import org.kexeclab.testkit.CpuLifecycleContractTest;
import org.kexeclab.testkit.EngineMode;
import org.kexeclab.testkit.Engines;

/** Hooks, contexts and lifecycle of the Unicorn engine on riscv64. */
class RiscvUnicornLifecycleContractTest extends CpuLifecycleContractTest {
    @Override
    protected CpuEngine engine() {
        return Engines.unicorn();
    }

    @Override
    protected List<EngineMode> allModes() {
        return List.of(RiscvFixtures.RISCV64);
    }
}
