package org.kexeclab.arm;

import java.nio.ByteOrder;
import org.kexeclab.Arch;

/** The architectures this module defines, as values every class of the module can name. */
public final class ArmArches {
    /** AArch64 (A64 instruction set), little-endian, 64-bit words. */
    public static final Arch ARM64 = new Arch("arm64", 8, ByteOrder.LITTLE_ENDIAN, Arch.PAGE_SIZE);
    /** 32-bit ARM (A32, with Thumb entry), little-endian. */
    public static final Arch ARM = new Arch("arm", 4, ByteOrder.LITTLE_ENDIAN, Arch.PAGE_SIZE);

    private ArmArches() {
    }
}
