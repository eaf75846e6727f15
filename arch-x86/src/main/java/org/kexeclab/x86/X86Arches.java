package org.kexeclab.x86;

import java.nio.ByteOrder;
import org.kexeclab.Arch;

/** The architectures this module defines, as values every class of the module can name. */
public final class X86Arches {
    /** x86-64, little-endian, 64-bit words. */
    public static final Arch X86_64 = new Arch("x86_64", "an", 8, ByteOrder.LITTLE_ENDIAN, Arch.PAGE_SIZE);

    private X86Arches() {
    }
}
