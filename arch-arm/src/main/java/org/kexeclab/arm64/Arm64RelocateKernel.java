package org.kexeclab.arm64;

import java.nio.ByteOrder;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Stub;

/**
 * The arm64 relocation stub, {@code relocate_kernel_arm64.S}, assembled with the project's
 * assembler and {@link A64Encoder}, with {@link Arm64KexecData#symbols()} predefined.
 * Run it with {@code x0} = address of an {@link Arm64KexecData} block in guest memory.
 */
public final class Arm64RelocateKernel {

    /** Classpath resource of the stub source, next to this class. */
    public static final String RESOURCE = "relocate_kernel_arm64.S";
    /** Label of the first instruction. */
    public static final String ENTRY = "arm64_relocate_new_kernel";
    /** Label just past the last instruction. */
    public static final String END = "arm64_relocate_new_kernel_end";

    private Arm64RelocateKernel() {
    }

    /**
     * Assembles the stub for the control page at {@code origin}.
     *
     * @throws AssemblyException if the stub source does not assemble (a build defect)
     */
    public static Stub assemble(long origin) throws AssemblyException {
        return new Assembler(new A64Encoder(), ByteOrder.LITTLE_ENDIAN)
                .assembleResource(Arm64RelocateKernel.class, RESOURCE, origin, Arm64KexecData.symbols());
    }
}
