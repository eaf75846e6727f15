package org.kexeclab.panic;

/** Where a CPU is during the modelled panic. */
enum CpuState {
    /** Still running whatever it ran (it has not seen the panic). */
    RUNNING,
    /** The CPU running {@code panic()}. */
    PANICKING,
    /** Lost the {@code panic_cpu} claim and spins in {@code panic_smp_self_stop}. */
    SELF_STOPPED,
    /** Stopped by {@code smp_send_stop}: no registers saved. */
    STOPPED,
    /** Stopped on the crash path: its registers are saved in its crash note for the vmcore. */
    STOPPED_REGISTERS_SAVED
}
