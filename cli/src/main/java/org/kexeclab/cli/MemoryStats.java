package org.kexeclab.cli;

import org.kexeclab.engine.HookHandle;
import org.kexeclab.engine.MemoryAccess;
import org.kexeclab.engine.Perm;
import org.kexeclab.kexec.KexecRun;

/**
 * Loads, stores and bytes written by the stub, counted with a memory hook (one upcall per
 * access: only {@code compare} pays for it, never {@code run}). Counting stops when the CPU
 * reaches the image's entry point, so the entry probe's own stores are not included.
 */
final class MemoryStats {
    long loads;
    long stores;
    long bytesWritten;
    private boolean done;

    /** Installs the hooks on {@code run}'s CPU; close the result after the run. */
    Attached attach(KexecRun run) {
        long entry = run.loaded().image().entry();
        HookHandle mem = run.cpu().onMemory(this::access, Perm.READ | Perm.WRITE, 1, 0);
        HookHandle stop = run.cpu().onCode((a, s) -> done = true, entry, entry);
        return new Attached(mem, stop);
    }

    private void access(MemoryAccess kind, long address, int size, long value) {
        if (done) {
            return;
        }
        if (kind == MemoryAccess.WRITE) {
            stores++;
            bytesWritten += size;
        } else {
            loads++;
        }
    }

    /** The installed hooks. */
    record Attached(HookHandle memory, HookHandle entry) implements AutoCloseable {
        @Override
        public void close() {
            memory.close();
            entry.close();
        }
    }
}
