package org.kexeclab.x86;

import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.testkit.RealKernelRunTest;

/** Debian's i386 (686) bzImage on the Java engine (skipped unless fetched by scripts/fetch-kernels). */
class I386JavaEngineRealKernelTest extends RealKernelRunTest {
    @Override
    protected MachineKexec machine() {
        return new I386MachineKexec();
    }

    @Override
    protected CpuEngine engine() {
        return InterpEngine.instance();
    }
}
