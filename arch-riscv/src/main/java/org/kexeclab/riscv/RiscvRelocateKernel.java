package org.kexeclab.riscv;

import java.util.Map;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Stub;

/**
 * The riscv64 relocation stub, {@code relocate_kernel_riscv64.S}, assembled with the project's
 * assembler and {@link RvEncoder}, with {@link #symbols()} predefined. Run it with the
 * registers of the kernel's {@code riscv_kexec_relocate} call ({@link RiscvMachineKexec}).
 */
public final class RiscvRelocateKernel {

    /** Classpath resource of the stub source, next to this class. */
    public static final String RESOURCE = "relocate_kernel_riscv64.S";
    /** Label of the first instruction. */
    public static final String ENTRY = "riscv64_relocate_new_kernel";
    /** Label just past the last instruction. */
    public static final String END = "riscv64_relocate_new_kernel_end";

    private RiscvRelocateKernel() {
    }

    /** The predefined symbols: the indirection flags and {@code PAGE_SHIFT}. */
    public static Map<String, Long> symbols() {
        return Map.of("IND_DESTINATION", 1L, "IND_INDIRECTION", 2L, "IND_DONE", 4L, "IND_SOURCE", 8L,
                "PAGE_SHIFT", 12L);
    }

    /** The assembler riscv64 sources are built with. */
    public static Assembler assembler() {
        return new Assembler(new RvEncoder(), RiscvArches.RISCV64.byteOrder());
    }

    /**
     * Assembles the stub for the control page at {@code origin}.
     *
     * @throws AssemblyException if the stub source does not assemble (a build defect)
     */
    public static Stub assemble(long origin) throws AssemblyException {
        return assembler().assembleResource(RiscvRelocateKernel.class, RESOURCE, origin, symbols());
    }
}
