package org.kexeclab.engine;

/**
 * Called when the CPU raises interrupt or exception {@code number} ({@link Cpu#onInterrupt}).
 * While such a hook is installed the run continues after the hook returns (the guest's
 * exception entry is skipped); call {@link Cpu#stop()} from the hook to end the run.
 */
@FunctionalInterface
public interface InterruptHook {
    /** Interrupt or exception {@code number} (the engine's numbering: the architecture's vector or the emulator's exception index). */
    void interrupt(int number);
}
