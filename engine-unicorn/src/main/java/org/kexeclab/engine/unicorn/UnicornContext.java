package org.kexeclab.engine.unicorn;

import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import org.kexeclab.engine.CpuContext;

/**
 * A {@code uc_context} owned by one {@link UnicornCpu}. {@link #close()} frees it; if it is dropped
 * unclosed, its cleaner hands the pointer back to the CPU's {@link NativeState}, which frees it
 * on the owning thread (or at once if the engine is already closed).
 */
final class UnicornContext implements CpuContext {
    private static final Cleaner CLEANER = Cleaner.create();

    private final UnicornCpu owner;
    private final Cleaner.Cleanable cleanable;
    private final Release release;
    private long context;

    private UnicornContext(UnicornCpu owner, NativeState state, long context) {
        this.owner = owner;
        this.context = context;
        this.release = new Release(state, context);
        this.cleanable = CLEANER.register(this, release);
    }

    /** {@code uc_context_alloc} through the CPU's register area (no allocation on the Java side). */
    static UnicornContext allocate(UnicornCpu cpu, NativeState state, long uc, ByteBuffer out, long outAddress) {
        out.putLong(0, 0L);
        cpu.check(UcNative.uc_context_alloc(uc, outAddress), "context_alloc");
        return new UnicornContext(cpu, state, out.getLong(0));
    }

    /** The native context of {@code c}, checking it is open and belongs to {@code cpu}. */
    static long pointerFor(UnicornCpu cpu, CpuContext c) {
        if (!(c instanceof UnicornContext) || ((UnicornContext) c).owner != cpu) {
            throw new IllegalArgumentException("this context was not saved from this CPU");
        }
        long p = ((UnicornContext) c).context;
        if (p == 0) {
            throw new IllegalStateException("this context was closed");
        }
        return p;
    }

    @Override
    public void close() {
        if (context != 0) {
            context = 0;
            release.explicit = true;
            cleanable.clean();
        }
    }

    /** Frees a context pointer through its CPU's state; never references the context object. */
    private static final class Release implements Runnable {
        private final NativeState state;
        private final long context;
        /** Set by {@link UnicornContext#close()}: running on the owner's thread. */
        private volatile boolean explicit;

        Release(NativeState state, long context) {
            this.state = state;
            this.context = context;
        }

        @Override
        public void run() {
            if (explicit) {
                UcNative.uc_context_free(context);
            } else {
                state.releaseContext(context);
            }
        }
    }
}
