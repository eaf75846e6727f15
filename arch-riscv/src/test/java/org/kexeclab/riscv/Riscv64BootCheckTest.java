package org.kexeclab.riscv;

import org.kexeclab.Arch;
import org.kexeclab.riscv.support.Riscv64Support;
import org.kexeclab.testkit.RealKernelBootCheckTest;

/** riscv64's fetched Debian kernel relocated in the emulator boots through OpenSBI on QEMU's virt; its corrupted control does not. */
class Riscv64BootCheckTest extends RealKernelBootCheckTest {
    @Override
    protected Arch arch() {
        return Riscv64Support.ARCH;
    }
}
