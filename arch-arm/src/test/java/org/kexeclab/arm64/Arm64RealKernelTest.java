package org.kexeclab.arm64;

import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.testkit.RealKernelRunTest;

/** Debian's arm64 Image (vmlinuz, gzip'd or not), relocated and entered through the purgatory (skipped unless fetched by scripts/fetch-kernels). */
class Arm64RealKernelTest extends RealKernelRunTest {
    @Override
    protected MachineKexec machine() {
        return new Arm64MachineKexec();
    }
}
