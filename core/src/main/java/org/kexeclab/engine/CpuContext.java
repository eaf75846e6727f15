package org.kexeclab.engine;

/**
 * A saved CPU register state (not memory) from {@link Cpu#saveContext()}. Holds native memory:
 * close it when done ({@link #close()} is idempotent). Only the CPU that made it can restore it.
 */
public interface CpuContext extends AutoCloseable {
    /** Frees the saved state. */
    @Override
    void close();
}
