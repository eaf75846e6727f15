package org.kexeclab.x86;

import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.testkit.RealKernelRunTest;

/** Debian's amd64 bzImage, relocated and entered through the purgatory (skipped unless fetched by scripts/fetch-kernels). */
class X86_64RealKernelTest extends RealKernelRunTest {
    @Override
    protected MachineKexec machine() {
        return new X86_64MachineKexec();
    }
}
