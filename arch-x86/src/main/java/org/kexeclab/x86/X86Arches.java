package org.kexeclab.x86;

import java.nio.ByteOrder;
import org.kexeclab.Arch;

/** The architectures this module defines, as values every class of the module can name. */
public final class X86Arches {
    /** x86-64, little-endian, 64-bit words. */
    public static final Arch X86_64 = new Arch("x86_64", "an", 8, ByteOrder.LITTLE_ENDIAN, Arch.PAGE_SIZE);
    /** 32-bit x86 in protected mode, little-endian, 32-bit words. */
    public static final Arch I386 = new Arch("i386", "an", 4, ByteOrder.LITTLE_ENDIAN, Arch.PAGE_SIZE);

    private X86Arches() {
    }

    /** The code size {@code arch}'s code runs in: 32-bit protected mode for i386, else 64-bit long mode. */
    public static X86Mode mode(Arch arch) {
        return I386.equals(arch) ? X86Mode.PROTECTED : X86Mode.LONG;
    }
}
