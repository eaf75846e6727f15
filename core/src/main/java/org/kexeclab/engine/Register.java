package org.kexeclab.engine;

import org.kexeclab.Arch;

/**
 * A CPU register that {@link Cpu#readRegister} and {@link Cpu#writeRegister} accept. Implemented
 * by the per-family enums {@link X86Register}, {@link Arm64Register}, {@link ArmRegister} and
 * {@link PpcRegister}; engines map them to their own numbering internally.
 */
public interface Register {
    /**
     * The architecture family the register belongs to ({@link Arch#X86_64}, {@link Arch#ARM64},
     * {@link Arch#ARM} or {@link Arch#PPC32} for all PowerPC modes).
     */
    Arch family();

    /** Upper-case architectural name ({@code RAX}, {@code X0}, {@code SCTLR_EL1}, {@code R3}). */
    String name();

    /** Width in bits of the value the engine reads and writes (32 or 64). */
    int bits();

    /** True if this register can be used on a CPU of architecture {@code arch}. */
    default boolean belongsTo(Arch arch) {
        Arch f = family();
        if (f == Arch.PPC32) {
            return arch == Arch.PPC32 || arch == Arch.PPC64 || arch == Arch.PPC64LE;
        }
        return f == arch;
    }
}
