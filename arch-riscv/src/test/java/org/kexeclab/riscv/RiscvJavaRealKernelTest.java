package org.kexeclab.riscv;

import org.kexeclab.engine.CpuEngine;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.testkit.Engines;
import org.kexeclab.testkit.RealKernelRunTest;

/** Debian 13's riscv64 Image on the Java engine (skipped unless fetched by scripts/fetch-kernels). */
class RiscvJavaRealKernelTest extends RealKernelRunTest {
    @Override
    protected MachineKexec machine() {
        return new RiscvMachineKexec();
    }

    @Override
    protected CpuEngine engine() {
        return Engines.java();
    }
}
