package org.kexeclab.asmtest;

import org.kexeclab.asm.Stub;

/** Helpers for stub tests: listing coverage. */
public final class StubChecks {

    private StubChecks() {
    }

    /** The first stub offset no listing entry covers, or -1 if every byte is covered. */
    public static int firstUnlistedOffset(Stub stub) {
        for (int off = 0; off < stub.size(); off++) {
            if (stub.listing().indexOf(stub.origin() + off) < 0) {
                return off;
            }
        }
        return -1;
    }
}
