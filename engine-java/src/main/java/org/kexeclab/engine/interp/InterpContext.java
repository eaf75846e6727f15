package org.kexeclab.engine.interp;

import org.kexeclab.engine.CpuContext;

/** A register state saved from an {@link InterpCpu}: a plain array, no native memory. */
final class InterpContext implements CpuContext {
    final InterpCpu owner;
    final long[] state;
    private boolean open = true;

    InterpContext(InterpCpu owner, int size) {
        this.owner = owner;
        this.state = new long[size];
    }

    /** The state array, or {@link IllegalStateException} if this context is closed or foreign. */
    long[] stateFor(InterpCpu cpu) {
        if (!open) {
            throw new IllegalStateException("this CPU context was closed");
        }
        if (cpu != owner) {
            throw new IllegalArgumentException("a CPU context can only be restored into the CPU that saved it");
        }
        return state;
    }

    @Override
    public void close() {
        open = false;
    }
}
