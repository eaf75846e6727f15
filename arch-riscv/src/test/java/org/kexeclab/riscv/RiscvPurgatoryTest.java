package org.kexeclab.riscv;

import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.loader.plan.Purgatory;
import org.kexeclab.testkit.PurgatoryContractTest;

/** The purgatory contract for {@link RiscvPurgatory}, with a small RISC-V Image. */
class RiscvPurgatoryTest extends PurgatoryContractTest {
    @Override
    protected Purgatory purgatory() {
        return new RiscvPurgatory();
    }

    @Override
    protected MachineKexec machine() {
        return new RiscvMachineKexec();
    }

    @Override
    protected byte[] kernel() {
        return RiscvTestImages.image(0x200000, 0x40000, 0x30000);
    }
}
