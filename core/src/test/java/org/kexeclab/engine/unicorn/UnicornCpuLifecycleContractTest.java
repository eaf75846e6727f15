package org.kexeclab.engine.unicorn;

import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.CpuLifecycleContractTest;

/** Hooks, contexts and lifecycle, run against Unicorn. */
class UnicornCpuLifecycleContractTest extends CpuLifecycleContractTest {
    @Override
    protected CpuEngine engine() {
        return UnicornEngine.instance();
    }
}
