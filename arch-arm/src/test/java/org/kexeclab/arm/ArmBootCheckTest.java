package org.kexeclab.arm;

import org.kexeclab.Arch;
import org.kexeclab.arm.support.ArmSupport;
import org.kexeclab.testkit.RealKernelBootCheckTest;

/**
 * arm's fetched Debian zImage relocated in the emulator boots on QEMU's virt; its corrupted control does
 * not. In the long run only: the decompression alone takes seconds of TCG.
 */
class ArmBootCheckTest extends RealKernelBootCheckTest {
    @Override
    protected Arch arch() {
        return ArmSupport.ARCH;
    }

    @Override
    protected String longRunBecause() {
        return "arm's zImage decompresses itself under QEMU's TCG before its banner (3-13 s, more under load)";
    }
}
