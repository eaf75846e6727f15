package org.kexeclab.panic;

/** How a modelled panic ended. */
public enum PanicEnd {
    /** {@code machine_kexec} reached the crash kernel's entry point (see the entry for verification). */
    CRASH_KERNEL_ENTERED,
    /** {@code machine_kexec} was called but the crash kernel's entry was not reached. */
    CRASH_KERNEL_NOT_REACHED,
    /** A panic notifier never returned: nothing after it ran (bounded here by the budget). */
    NOTIFIER_HUNG,
    /** {@code emergency_restart()} after the panic timeout: no crash kernel, no vmcore. */
    EMERGENCY_RESTART,
    /** Panic timeout 0: the CPU spins for ever; no crash kernel, no vmcore. */
    SPIN_FOREVER
}
