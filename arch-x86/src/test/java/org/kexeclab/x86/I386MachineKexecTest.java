package org.kexeclab.x86;

import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.testkit.MachineKexecContractTest;

/** The end-to-end contract matrix on i386 (Unicorn, 32-bit mode). */
class I386MachineKexecTest extends MachineKexecContractTest {
    private static final MachineKexec MACHINE = new I386MachineKexec();

    @Override
    protected MachineKexec machine() {
        return MACHINE;
    }

    /** RAM at another base is refused: a PC's RAM starts at 0. */
    @Override
    protected boolean machineAtRamBase() {
        return false;
    }
}
