package org.kexeclab.x86;

import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.interp.InterpEngine;

/** The purgatory contract for {@link I386Purgatory} on the Java engine: its GDT, far return and segment loads. */
class I386JavaEnginePurgatoryTest extends I386PurgatoryTest {
    @Override
    protected CpuEngine engine() {
        return InterpEngine.instance();
    }
}
