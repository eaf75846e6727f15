package org.kexeclab.x86;

import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.testkit.MachineKexecContractTest;

/** The end-to-end contract matrix on x86_64 (Unicorn), plus x86-only checks in {@link X86_64KexecTest}. */
class X86_64MachineKexecTest extends MachineKexecContractTest {
    private static final MachineKexec MACHINE = new X86_64MachineKexec();

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
