package org.kexeclab.testkit;

import org.kexeclab.image.MemoryLayout;
import org.kexeclab.kexec.StandardMachine;

/** Memory layouts shared by the loader tests. */
public final class SyntheticLayouts {
    public static final MemoryLayout MIB_128 = StandardMachine.layout(128L << 20).build();

    private SyntheticLayouts() {
    }
}
