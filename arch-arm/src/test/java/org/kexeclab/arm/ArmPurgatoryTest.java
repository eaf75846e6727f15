package org.kexeclab.arm;

import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.loader.plan.Purgatory;
import org.kexeclab.testkit.PurgatoryContractTest;

/** The purgatory contract for {@link ArmPurgatory}. */
class ArmPurgatoryTest extends PurgatoryContractTest {
    @Override
    protected Purgatory purgatory() {
        return new ArmPurgatory();
    }

    @Override
    protected MachineKexec machine() {
        return new ArmMachineKexec();
    }

    @Override
    protected byte[] kernel() {
        return zImage();
    }
}
