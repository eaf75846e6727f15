package org.kexeclab.x86;

import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.testkit.MachineKexecContractTest;

/** The end-to-end kexec matrix for i386 on the pure-Java engine's 32-bit protected mode. */
class I386JavaEngineKexecTest extends MachineKexecContractTest {
    @Override
    protected MachineKexec machine() {
        return new I386MachineKexec();
    }

    @Override
    protected CpuEngine engine() {
        return InterpEngine.instance();
    }

    /** RAM at another base is refused: a PC's RAM starts at 0. */
    @Override
    protected boolean machineAtRamBase() {
        return false;
    }
}
