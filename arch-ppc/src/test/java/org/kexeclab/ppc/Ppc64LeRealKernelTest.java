package org.kexeclab.ppc;

import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.testkit.RealKernelRunTest;

/** Debian's ppc64el vmlinux ELF, relocated and entered through the purgatory (skipped unless fetched by scripts/fetch-kernels). */
class Ppc64LeRealKernelTest extends RealKernelRunTest {
    @Override
    protected MachineKexec machine() {
        return new Ppc64LeMachineKexec();
    }
}
