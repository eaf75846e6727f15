package org.kexeclab.ppc;

import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.testkit.MachineKexecContractTest;

/** The end-to-end kexec matrix for ppc64 (big-endian) on the pure-Java interpreter engine. */
class Ppc64JavaEngineKexecTest extends MachineKexecContractTest {
    @Override
    protected MachineKexec machine() {
        return new Ppc64MachineKexec();
    }

    /** RAM at another base is refused: the sequence writes the low vectors at physical 0. */
    @Override
    protected boolean machineAtRamBase() {
        return false;
    }

    @Override
    protected CpuEngine engine() {
        return InterpEngine.instance();
    }
}
