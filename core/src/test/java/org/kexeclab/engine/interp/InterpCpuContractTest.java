package org.kexeclab.engine.interp;

import org.kexeclab.engine.CpuContractTest;
import org.kexeclab.engine.CpuEngine;

/**
 * The engine contract, run against the Java interpreter: every mode it supports here
 * (ppc32 and ppc64 big-endian today; the contract's modes do not include ppc64le, which
 * {@code PpcLittleEndianTest} covers).
 */
class InterpCpuContractTest extends CpuContractTest {
    @Override
    protected CpuEngine engine() {
        return InterpEngine.instance();
    }
}
