package org.kexeclab.engine.unicorn;

import com.sun.jna.Native;
import java.util.ArrayDeque;

/**
 * The raw native resources of one {@link UnicornCpu}: the {@code uc_engine *} and the scratch
 * block for register values and staged memory copies. It never references its owner, so it can
 * be the {@link java.lang.ref.Cleaner} action that frees them if a CPU is dropped unclosed.
 *
 * <p>Contexts whose owner forgot to close them are handed back here by their own cleaner and
 * freed on the owning thread's next {@link #drainOrphans()} (a context must not be freed while
 * the engine may be in use on another thread).
 */
final class NativeState implements Runnable {
    /** Bytes reserved at the start of the scratch block for register values and the fetch guards. */
    static final int REGISTER_AREA = 96;
    /** Bytes of the staging area for bulk memory copies. */
    static final int STAGING = 64 * 1024;

    final long uc;
    final long scratch;
    private final ArrayDeque<Long> orphanContexts = new ArrayDeque<>();
    private boolean released;

    NativeState(long uc, long scratch) {
        this.uc = uc;
        this.scratch = scratch;
    }

    /** Allocates the scratch block ({@code malloc}); the caller frees it if anything fails. */
    static long allocateScratch() {
        long p = Native.malloc(REGISTER_AREA + STAGING);
        if (p == 0) {
            throw new OutOfMemoryError("malloc of the engine's scratch block failed");
        }
        return p;
    }

    /** Frees a context now if the engine is gone, else queues it for the owner's thread. */
    synchronized void releaseContext(long context) {
        if (released) {
            UcNative.uc_context_free(context);
        } else {
            orphanContexts.add(context);
        }
    }

    /** Frees contexts queued by their cleaners; called by the owner between engine calls. */
    synchronized void drainOrphans() {
        Long c;
        while ((c = orphanContexts.poll()) != null) {
            UcNative.uc_context_free(c);
        }
    }

    /** True once {@link #run()} freed everything. */
    synchronized boolean released() {
        return released;
    }

    /** Closes the engine and frees the scratch block; idempotent. */
    @Override
    public synchronized void run() {
        if (released) {
            return;
        }
        drainOrphans();
        released = true;
        UcNative.uc_close(uc);
        Native.free(scratch);
    }
}
