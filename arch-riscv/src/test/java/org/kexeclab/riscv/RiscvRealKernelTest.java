package org.kexeclab.riscv;

import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.testkit.RealKernelRunTest;

/** Debian 13's riscv64 Image, relocated and entered through the purgatory (skipped unless fetched by scripts/fetch-kernels). */
class RiscvRealKernelTest extends RealKernelRunTest {
    @Override
    protected MachineKexec machine() {
        return new RiscvMachineKexec();
    }
}
