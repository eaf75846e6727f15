package org.kexeclab.arm;

import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.testkit.MachineKexecContractTest;

/** The end-to-end kexec matrix for 32-bit arm on the pure-Java interpreter engine. */
class ArmJavaEngineKexecTest extends MachineKexecContractTest {
    @Override
    protected MachineKexec machine() {
        return new ArmMachineKexec();
    }

    @Override
    protected CpuEngine engine() {
        return InterpEngine.instance();
    }
}
