package org.kexeclab.riscv;

import java.nio.ByteOrder;
import org.kexeclab.Arch;

/** The architectures this module defines, as values every class of the module can name. */
public final class RiscvArches {
    /** RV64 (RV64I with M, Zicsr and Zifencei as kexec-lab's code needs), little-endian, 64-bit words. */
    public static final Arch RISCV64 = new Arch("riscv64", 8, ByteOrder.LITTLE_ENDIAN, Arch.PAGE_SIZE);

    private RiscvArches() {
    }
}
