package org.kexeclab.ppc;

import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.testkit.MachineKexecContractTest;

/** The end-to-end kexec matrix for ppc32 on the pure-Java interpreter engine. */
class Ppc32JavaEngineKexecTest extends MachineKexecContractTest {
    @Override
    protected MachineKexec machine() {
        return new Ppc32MachineKexec();
    }

    @Override
    protected CpuEngine engine() {
        return InterpEngine.instance();
    }
}
