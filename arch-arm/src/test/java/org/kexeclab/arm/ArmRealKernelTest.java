package org.kexeclab.arm;

import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.testkit.RealKernelRunTest;

/** Debian's armhf zImage (armmp), relocated and entered through the purgatory (skipped unless fetched by scripts/fetch-kernels). */
class ArmRealKernelTest extends RealKernelRunTest {
    @Override
    protected MachineKexec machine() {
        return new ArmMachineKexec();
    }
}
