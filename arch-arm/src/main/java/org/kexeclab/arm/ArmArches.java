package org.kexeclab.arm;

import org.kexeclab.Arch;

/** The architectures this module defines, as values every class of the module can name. */
public final class ArmArches {
    /** AArch64 (A64 instruction set), little-endian. */
    public static final Arch ARM64 = Arch.ARM64;
    /** 32-bit ARM (A32, with Thumb entry), little-endian. */
    public static final Arch ARM = Arch.ARM;

    private ArmArches() {
    }
}
