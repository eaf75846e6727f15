package org.kexeclab.ppc;

import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.loader.plan.Purgatory;
import org.kexeclab.testkit.PurgatoryContractTest;

/** The purgatory contract for {@link Ppc64LePurgatory} on the pure-Java engine. */
class Ppc64LePurgatoryTest extends PurgatoryContractTest {
    @Override
    protected Purgatory purgatory() {
        return new Ppc64LePurgatory();
    }

    @Override
    protected MachineKexec machine() {
        return new Ppc64LeMachineKexec();
    }

    @Override
    protected byte[] kernel() {
        return ppcElf(PpcArches.PPC64LE);
    }

    @Override
    protected CpuEngine engine() {
        return InterpEngine.instance();
    }
}

