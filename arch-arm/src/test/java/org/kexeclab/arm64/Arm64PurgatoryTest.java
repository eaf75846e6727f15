package org.kexeclab.arm64;

import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.loader.plan.Purgatory;
import org.kexeclab.testkit.PurgatoryContractTest;

/** The purgatory contract for {@link Arm64Purgatory}. */
class Arm64PurgatoryTest extends PurgatoryContractTest {
    @Override
    protected Purgatory purgatory() {
        return new Arm64Purgatory();
    }

    @Override
    protected MachineKexec machine() {
        return new Arm64MachineKexec();
    }

    @Override
    protected byte[] kernel() {
        return arm64Image();
    }
}
