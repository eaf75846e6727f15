package org.kexeclab.arm64;

import org.kexeclab.Arch;
import org.kexeclab.arm.support.Arm64Support;
import org.kexeclab.testkit.RealKernelBootCheckTest;

/** arm64's fetched Debian kernel relocated in the emulator boots on QEMU's virt; its corrupted control does not. */
class Arm64BootCheckTest extends RealKernelBootCheckTest {
    @Override
    protected Arch arch() {
        return Arm64Support.ARCH;
    }
}
