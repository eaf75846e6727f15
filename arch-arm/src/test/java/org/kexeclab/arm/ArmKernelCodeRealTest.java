package org.kexeclab.arm;

import org.kexeclab.Arch;
import org.kexeclab.testkit.RealKernelCodeTest;

/** Debian's armhf zImage relocated by its own {@code relocate_new_kernel} and by the stub (skipped unless fetched). */
class ArmKernelCodeRealTest extends RealKernelCodeTest {
    @Override
    protected Arch arch() {
        return ArmArches.ARM;
    }
}
