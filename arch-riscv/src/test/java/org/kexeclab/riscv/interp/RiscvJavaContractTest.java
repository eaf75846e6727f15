package org.kexeclab.riscv.interp;

import java.util.List;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.riscv.RiscvFixtures;
import org.kexeclab.testkit.CpuContractTest;
import org.kexeclab.testkit.EngineMode;
import org.kexeclab.testkit.Engines;

/** The engine contract for riscv64 on the Java engine. */
class RiscvJavaContractTest extends CpuContractTest {
    @Override
    protected CpuEngine engine() {
        return Engines.java();
    }

    @Override
    protected List<EngineMode> allModes() {
        return List.of(RiscvFixtures.RISCV64);
    }
}
