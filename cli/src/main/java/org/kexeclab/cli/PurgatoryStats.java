package org.kexeclab.cli;

import org.kexeclab.asm.Stub;
import org.kexeclab.engine.HookHandle;
import org.kexeclab.engine.MemoryAccess;
import org.kexeclab.engine.Perm;
import org.kexeclab.kexec.KexecRun;

/**
 * What a real kernel's purgatory did between the stub's jump and the kernel's entry:
 * instructions (a code hook over the purgatory's bytes), loads and stores (a memory hook that
 * counts once the purgatory's first instruction ran). {@code compare} on kernel files reports
 * them as the second leg beside the stub's counts ({@link MemoryStats}).
 */
final class PurgatoryStats {
    long instructions;
    long loads;
    long stores;

    /**
     * Installs the hooks on {@code run}'s CPU for {@code purgatory} (null: a plan without one,
     * nothing is counted); close the result after the run.
     */
    Attached attach(KexecRun run, Stub purgatory) {
        if (purgatory == null) {
            return new Attached(null, null);
        }
        HookHandle code = run.cpu().onCode((a, s) -> instructions++, purgatory.origin(),
                purgatory.origin() + purgatory.size() - 1);
        HookHandle memory = run.cpu().onMemory(this::access, Perm.READ | Perm.WRITE, 1, 0);
        return new Attached(code, memory);
    }

    private void access(MemoryAccess kind, long address, int size, long value) {
        if (instructions == 0) {
            return;
        }
        if (kind == MemoryAccess.WRITE) {
            stores++;
        } else {
            loads++;
        }
    }

    /** The installed hooks (none for a plan without purgatory). */
    record Attached(HookHandle code, HookHandle memory) implements AutoCloseable {
        @Override
        public void close() {
            if (code != null) {
                code.close();
                memory.close();
            }
        }
    }
}
