package org.kexeclab.riscv;

import org.kexeclab.loader.plan.SourcePurgatory;

/**
 * kexec-lab's riscv64 purgatory, {@code purgatory_riscv64.S}: loads the hart id into {@code a0}
 * and the device tree into {@code a1} from its slots and jumps to the kernel. (kexec-tools loads a riscv
 * kernel without a purgatory; kexec-lab gives every architecture one, so that the leg from the
 * stub to the kernel is code that runs and whose boot registers are checked.)
 */
public final class RiscvPurgatory extends SourcePurgatory {
    /** Classpath resource, relative to this class. */
    public static final String RESOURCE = "purgatory_riscv64.S";

    /** The purgatory for {@link RiscvArches#RISCV64}. */
    public RiscvPurgatory() {
        super(RiscvArches.RISCV64, new RvEncoder(), RESOURCE);
    }
}
