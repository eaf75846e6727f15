package org.kexeclab.engine;

/** An installed hook; {@link #close()} removes it (idempotent; a no-op after the CPU is closed). */
public interface HookHandle extends AutoCloseable {
    /** Removes the hook. */
    @Override
    void close();

    /** True while the hook is installed. */
    boolean isInstalled();
}
