package org.kexeclab.arm;

import java.nio.ByteOrder;
import java.util.Map;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Stub;

/**
 * The 32-bit ARM relocation stub, {@code relocate_kernel_arm.S}, assembled with the
 * project's assembler and {@link A32Encoder}: code followed by the kernel's 16-byte data
 * block, whose four slots {@link #withData} fills before the stub is placed in the control page.
 */
public final class ArmRelocateKernel {

    /** Classpath resource of the stub source, next to this class. */
    public static final String RESOURCE = "relocate_kernel_arm.S";
    /** Label of the first instruction. */
    public static final String ENTRY = "arm_relocate_new_kernel";
    /** Label just past the data block. */
    public static final String END = "arm_relocate_new_kernel_end";
    /** Data slot +0: entry point of the new kernel. */
    public static final String START_ADDRESS = "kexec_start_address";
    /** Data slot +4: the page holding the first indirection entry ({@code head & PAGE_MASK}), 0 for crash images. */
    public static final String INDIRECTION_PAGE = "kexec_indirection_page";
    /** Data slot +8: machine type passed in r1. */
    public static final String MACHINE_TYPE = "kexec_mach_type";
    /** Data slot +12: ATAGS or DTB address passed in r2. */
    public static final String R2 = "kexec_r2";
    /** Size of the data block at the end of the stub. */
    public static final int DATA_BLOCK_SIZE = 16;

    private ArmRelocateKernel() {
    }

    /**
     * Assembles the stub (data slots zero) for the control page at {@code origin}.
     *
     * @throws AssemblyException if the stub source does not assemble (a build defect)
     */
    public static Stub assemble(long origin) throws AssemblyException {
        return new Assembler(new A32Encoder(), ByteOrder.LITTLE_ENDIAN)
                .assembleResource(ArmRelocateKernel.class, RESOURCE, origin, Map.of());
    }

    /** A copy of {@code stub} with the four data slots filled (32-bit values). */
    public static Stub withData(Stub stub, long start, long indirectionPage, long machineType, long r2) {
        return stub.patch(START_ADDRESS, start, 4)
                .patch(INDIRECTION_PAGE, indirectionPage, 4)
                .patch(MACHINE_TYPE, machineType, 4)
                .patch(R2, r2, 4);
    }
}
