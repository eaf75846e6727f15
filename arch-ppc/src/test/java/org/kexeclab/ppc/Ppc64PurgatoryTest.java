package org.kexeclab.ppc;

import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.loader.plan.Purgatory;
import org.kexeclab.testkit.PurgatoryContractTest;

/** The purgatory contract for {@link Ppc64Purgatory} on the pure-Java engine. */
class Ppc64PurgatoryTest extends PurgatoryContractTest {
    @Override
    protected Purgatory purgatory() {
        return new Ppc64Purgatory();
    }

    @Override
    protected MachineKexec machine() {
        return new Ppc64MachineKexec();
    }

    @Override
    protected byte[] kernel() {
        return ppcElf(PpcArches.PPC64);
    }

    @Override
    protected CpuEngine engine() {
        return InterpEngine.instance();
    }
}

