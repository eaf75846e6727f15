package org.kexeclab.ppc;

import java.nio.ByteOrder;
import org.kexeclab.Arch;

/** The architectures this module defines, as values every class of the module can name. */
public final class PpcArches {
    /** 32-bit PowerPC, big-endian. */
    public static final Arch PPC32 = new Arch("ppc32", 4, ByteOrder.BIG_ENDIAN, Arch.PAGE_SIZE);
    /** 64-bit PowerPC, big-endian. */
    public static final Arch PPC64 = new Arch("ppc64", 8, ByteOrder.BIG_ENDIAN, Arch.PAGE_SIZE);
    /** 64-bit PowerPC, little-endian (today's common distribution target). */
    public static final Arch PPC64LE = new Arch("ppc64le", 8, ByteOrder.LITTLE_ENDIAN, Arch.PAGE_SIZE);

    private PpcArches() {
    }
}
