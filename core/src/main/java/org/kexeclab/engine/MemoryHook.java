package org.kexeclab.engine;

/**
 * Called for each successful guest load or store in the hooked range ({@link Cpu#onMemory}): for a
 * load after it, for a store before its bytes change, so a hook reading the address sees the old
 * bytes (what a journal of memory writes needs to go back in time).
 */
@FunctionalInterface
public interface MemoryHook {
    /**
     * A {@code size}-byte access of kind {@code access} at {@code address}; for a store,
     * {@code value} is the value being written (for a load it is unspecified).
     */
    void access(MemoryAccess access, long address, int size, long value);
}
