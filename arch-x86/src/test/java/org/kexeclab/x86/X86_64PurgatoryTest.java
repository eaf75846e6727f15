package org.kexeclab.x86;

import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.loader.plan.Purgatory;
import org.kexeclab.testkit.PurgatoryContractTest;

/** The purgatory contract for {@link X86_64Purgatory}. */
class X86_64PurgatoryTest extends PurgatoryContractTest {
    @Override
    protected Purgatory purgatory() {
        return new X86_64Purgatory();
    }

    @Override
    protected MachineKexec machine() {
        return new X86_64MachineKexec();
    }

    @Override
    protected byte[] kernel() {
        return bzImage();
    }
}
