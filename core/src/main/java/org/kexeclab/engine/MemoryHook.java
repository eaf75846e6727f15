package org.kexeclab.engine;

/** Called for each successful guest load or store in the hooked range ({@link Cpu#onMemory}). */
@FunctionalInterface
public interface MemoryHook {
    /**
     * A {@code size}-byte access of kind {@code access} at {@code address}; for a store,
     * {@code value} is the value being written (for a load it is unspecified).
     */
    void access(MemoryAccess access, long address, int size, long value);
}
