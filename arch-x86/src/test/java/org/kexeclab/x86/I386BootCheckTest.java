package org.kexeclab.x86;

import org.kexeclab.Arch;
import org.kexeclab.testkit.RealKernelBootCheckTest;
import org.kexeclab.x86.support.I386Support;

/** i386's fetched Debian kernel relocated in the emulator boots on QEMU's pc through the project's firmware image; its corrupted control does not. */
class I386BootCheckTest extends RealKernelBootCheckTest {
    @Override
    protected Arch arch() {
        return I386Support.ARCH;
    }
}
