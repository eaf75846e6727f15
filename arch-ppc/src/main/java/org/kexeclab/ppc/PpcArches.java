package org.kexeclab.ppc;

import org.kexeclab.Arch;

/** The architectures this module defines, as values every class of the module can name. */
public final class PpcArches {
    /** 32-bit PowerPC, big-endian. */
    public static final Arch PPC32 = Arch.PPC32;
    /** 64-bit PowerPC, big-endian. */
    public static final Arch PPC64 = Arch.PPC64;
    /** 64-bit PowerPC, little-endian (today's common distribution target). */
    public static final Arch PPC64LE = Arch.PPC64LE;

    private PpcArches() {
    }
}
