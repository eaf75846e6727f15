package org.kexeclab.loader.plan;

import org.kexeclab.Arch;
import org.kexeclab.asm.Stub;

/**
 * One architecture's purgatory: the small program kexec runs between the relocation stub and
 * the new kernel. The stub jumps to {@link #ENTRY}; the purgatory loads the kernel's boot
 * registers from its data slots and jumps to the kernel entry held in {@link #KERNEL_ENTRY_SLOT}.
 *
 * <p>Implementations live in the arch modules, each handed out by its architecture's
 * {@link org.kexeclab.arch.ArchSupport#purgatory()}; {@link LoadPlan#withPurgatory(Purgatory)}
 * places, assembles and patches one.
 *
 * <p>Slot convention shared by every source: the slot for boot register {@code name} (as
 * {@link LoadPlan#bootRegisters()} spells it, e.g. {@code x0}) is {@code purgatory_<name>}, one
 * word of the architecture wide. A boot register without a slot (the instruction pointer) is the
 * program counter, which the jump itself sets; a slot the plan does not name stays 0.
 */
public interface Purgatory {
    /** Label of the first instruction: the image's entry once the purgatory is added. */
    String ENTRY = "purgatory_start";
    /** Data slot holding the kernel's entry point. */
    String KERNEL_ENTRY_SLOT = "purgatory_kernel_entry";

    /** The data slot that holds boot register {@code register}. */
    static String slot(String register) {
        return "purgatory_" + register;
    }

    /** The architecture. */
    Arch arch();

    /** The source resource name, e.g. {@code purgatory_ARCH.S}. */
    String sourceName();

    /**
     * Assembles the purgatory to run at {@code origin}, its data slots still 0. The project's
     * own sources always assemble: a failure is a build defect, thrown unchecked.
     */
    Stub assemble(long origin);

    /** Bytes the segment occupies in memory (code, data and any stack), a whole number of pages. */
    default long memsz() {
        return 4096;
    }
}
