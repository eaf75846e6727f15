package org.kexeclab.x86;

import org.kexeclab.Arch;

/** The architectures this module defines, as values every class of the module can name. */
public final class X86Arches {
    /** x86-64, little-endian, 64-bit words. */
    public static final Arch X86_64 = Arch.X86_64;

    private X86Arches() {
    }
}
