package org.kexeclab.riscv;

import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.testkit.MachineKexecContractTest;

/** The end-to-end kexec matrix for riscv64 on the pure-Java interpreter engine. */
class RiscvJavaEngineKexecTest extends MachineKexecContractTest {
    @Override
    protected MachineKexec machine() {
        return new RiscvMachineKexec();
    }

    @Override
    protected CpuEngine engine() {
        return InterpEngine.instance();
    }
}
