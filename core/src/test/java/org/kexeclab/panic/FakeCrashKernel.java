package org.kexeclab.panic;

import java.util.List;
import java.util.Map;
import org.kexeclab.Arch;
import org.kexeclab.TestArches;
import org.kexeclab.image.IndirectionList;

/** A crash kernel that "enters" at a fixed address without an emulator, and counts its calls. */
final class FakeCrashKernel implements CrashKernel {
    static final long ENTRY = 0x4000000;
    private final boolean reaches;
    int calls;

    private FakeCrashKernel(boolean reaches) {
        this.reaches = reaches;
    }

    static FakeCrashKernel reaching() {
        return new FakeCrashKernel(true);
    }

    static FakeCrashKernel unreachable() {
        return new FakeCrashKernel(false);
    }

    @Override
    public Arch arch() {
        return TestArches.PPC32;
    }

    @Override
    public long entry() {
        return ENTRY;
    }

    @Override
    public long head() {
        return IndirectionList.IND_DONE;
    }

    @Override
    public CrashKernelEntry machineKexec() {
        calls++;
        if (!reaches) {
            return CrashKernelEntry.notRun(arch(), ENTRY, head(), "the engine cannot run this architecture");
        }
        return new CrashKernelEntry(arch(), true, true, ENTRY, head(), Map.of("r4", ENTRY), 42, 0, List.of());
    }
}
