package org.kexeclab.ppc;

import org.kexeclab.Arch;
import org.kexeclab.ppc.support.Ppc64LeSupport;
import org.kexeclab.testkit.RealKernelBootCheckTest;

/** ppc64le's fetched Debian kernel relocated in the emulator boots on QEMU's pseries; its corrupted control does not. */
class Ppc64LeBootCheckTest extends RealKernelBootCheckTest {
    @Override
    protected Arch arch() {
        return Ppc64LeSupport.ARCH;
    }
}
