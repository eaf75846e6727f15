package org.kexeclab.arm64;

import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.testkit.MachineKexecContractTest;

/** The end-to-end kexec matrix for arm64 on the pure-Java interpreter engine. */
class Arm64JavaEngineKexecTest extends MachineKexecContractTest {
    @Override
    protected MachineKexec machine() {
        return new Arm64MachineKexec();
    }

    @Override
    protected CpuEngine engine() {
        return InterpEngine.instance();
    }
}
