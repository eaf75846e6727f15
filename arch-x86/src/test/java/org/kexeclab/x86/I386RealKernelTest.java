package org.kexeclab.x86;

import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.testkit.RealKernelRunTest;

/** Debian's i386 (686) bzImage, relocated and entered in 32-bit protected mode through the purgatory (skipped unless fetched by scripts/fetch-kernels). */
class I386RealKernelTest extends RealKernelRunTest {
    @Override
    protected MachineKexec machine() {
        return new I386MachineKexec();
    }
}
