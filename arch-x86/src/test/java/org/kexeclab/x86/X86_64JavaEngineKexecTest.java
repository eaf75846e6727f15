package org.kexeclab.x86;

import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.testkit.MachineKexecContractTest;

/** The end-to-end kexec matrix for x86_64 on the pure-Java interpreter engine. */
class X86_64JavaEngineKexecTest extends MachineKexecContractTest {
    @Override
    protected MachineKexec machine() {
        return new X86_64MachineKexec();
    }

    /** RAM at another base is refused: a PC's RAM starts at 0. */
    @Override
    protected boolean machineAtRamBase() {
        return false;
    }

    @Override
    protected CpuEngine engine() {
        return InterpEngine.instance();
    }
}
