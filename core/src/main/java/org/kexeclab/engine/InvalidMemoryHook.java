package org.kexeclab.engine;

/** Called when the guest touches unmapped or protected memory ({@link Cpu#onInvalidMemory}). */
@FunctionalInterface
public interface InvalidMemoryHook {
    /**
     * A faulting {@code size}-byte access of kind {@code access} at {@code address}.
     *
     * @return true if the hook fixed the cause (e.g. mapped the page) and the access should be
     *         retried; false to let the run stop with {@link StopReason#MEMORY_FAULT}
     */
    boolean fault(MemoryAccess access, long address, int size, long value);
}
