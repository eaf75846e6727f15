package org.kexeclab.panic;

import org.kexeclab.Arch;

/**
 * {@code kexec_crash_image} and the architecture's {@code machine_kexec} for it: what
 * {@code __crash_kexec} jumps into once it has the kexec lock and has shut the machine down.
 * {@link EmulatedCrashKernel} runs the real relocation stub in the CPU emulator.
 */
public interface CrashKernel {

    /** The architecture. */
    Arch arch();

    /** The crash image's entry point. */
    long entry();

    /** The crash image's {@code head}: {@code IND_DONE} (0x4), it was loaded in place. */
    long head();

    /** {@code machine_kexec(kexec_crash_image)}: in the kernel it never returns; here it reports. */
    CrashKernelEntry machineKexec();
}
