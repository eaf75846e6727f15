package org.kexeclab.ppc;

import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.loader.plan.Purgatory;
import org.kexeclab.testkit.PurgatoryContractTest;

/** The purgatory contract for {@link Ppc32Purgatory}. */
class Ppc32PurgatoryTest extends PurgatoryContractTest {
    @Override
    protected Purgatory purgatory() {
        return new Ppc32Purgatory();
    }

    @Override
    protected MachineKexec machine() {
        return new Ppc32MachineKexec();
    }

    @Override
    protected byte[] kernel() {
        return ppcElf(PpcArches.PPC32);
    }
}
