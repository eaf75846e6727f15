package org.kexeclab.engine.unicorn;

import org.kexeclab.engine.CpuContractTest;
import org.kexeclab.engine.CpuEngine;

/** The engine contract, run against Unicorn. */
class UnicornCpuContractTest extends CpuContractTest {
    @Override
    protected CpuEngine engine() {
        return UnicornEngine.instance();
    }
}
