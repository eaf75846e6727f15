package org.kexeclab.x86;

import org.kexeclab.Arch;
import org.kexeclab.testkit.RealKernelBootCheckTest;
import org.kexeclab.x86.support.X86_64Support;

/** x86_64's fetched Debian kernel relocated in the emulator boots on QEMU's pc through the project's firmware image; its corrupted control does not. */
class X86_64BootCheckTest extends RealKernelBootCheckTest {
    @Override
    protected Arch arch() {
        return X86_64Support.ARCH;
    }
}
