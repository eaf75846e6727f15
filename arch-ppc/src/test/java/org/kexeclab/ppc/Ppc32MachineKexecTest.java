package org.kexeclab.ppc;

import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.testkit.MachineKexecContractTest;

/** The end-to-end kexec matrix for ppc32 on the default engine (Unicorn runs ppc32). */
class Ppc32MachineKexecTest extends MachineKexecContractTest {
    @Override
    protected MachineKexec machine() {
        return new Ppc32MachineKexec();
    }
}
