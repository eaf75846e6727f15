package org.kexeclab.kexec;

import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Register;
import org.kexeclab.image.LoadedImage;

/**
 * The architecture-specific half of kexec, as {@code include/linux/kexec.h} splits it:
 * what {@code machine_kexec_prepare} and {@code machine_kexec} do on one architecture.
 * Implementations live in the arch modules, each handed out by its architecture's
 * {@code ArchSupport#machineKexec()}. {@link KexecRun} drives them; an implementation only
 * describes its architecture and never runs the CPU itself.
 */
public interface MachineKexec {

    /** The architecture. */
    Arch arch();

    /** Control pages the relocation stub needs ({@code KEXEC_CONTROL_PAGE_SIZE / PAGE_SIZE}). */
    default int controlPages() {
        return 1;
    }

    /**
     * Whether this architecture's {@code kexec_load} takes {@code KEXEC_PRESERVE_CONTEXT}:
     * the flag exists only in kernels built with {@code CONFIG_KEXEC_JUMP}, which few
     * architectures offer; everywhere else {@code kexec_load} refuses it with EINVAL (its flags
     * check).
     */
    default boolean supportsPreserveContext() {
        return false;
    }

    /**
     * The alignment in bytes the CPU needs of {@code entry} to start executing there: the size
     * of an instruction where it is fixed (and may depend on the entry, where the entry's low
     * bit selects an instruction set), 1 where instructions may start anywhere (the default).
     * The kernel does not check it; the jump would fault, so kexec-lab refuses it at load
     * ({@link org.kexeclab.kexec.load.KexecLoad}).
     */
    default int entryAlignment(long entry) {
        return 1;
    }

    /** The stub's source resource name, e.g. {@code relocate_kernel_ARCH.S}. */
    String stubName();

    /**
     * Assembles the relocation stub for a control page at {@code controlPage}, with its data
     * slots still unpatched. The project's own sources always assemble: a failure here is a
     * programmer error, thrown unchecked.
     */
    Stub assembleStub(long controlPage);

    /**
     * The instructions of {@code stub} (as {@link #assembleStub} built it) that execute several
     * times each time they are reached, and how many times: an instruction count then adds
     * them up with one hook per basic block instead of one per iteration. Only instructions
     * whose count is fixed by the stub's own code belong here, and none may be a branch target
     * (each is entered from a block that starts before it). Empty by default.
     */
    default List<RepeatedInstruction> repeatedInstructions(Stub stub) {
        return List.of();
    }

    /**
     * The self-loops of {@code stub} (as {@link #assembleStub} built it) whose iterations are known
     * when the CPU passes an instruction before them ({@link CountedLoop}): an engine that counts
     * with a block hook then counts each of them with one call per arrival instead of one per
     * iteration. Only the architecture's own stub code belongs here; empty by default (every block
     * hooked).
     */
    default List<CountedLoop> countedLoops(Stub stub) {
        return List.of();
    }

    /**
     * Everything {@code machine_kexec_prepare} and {@code machine_kexec} do before the jump
     * into the control page, on a CPU whose RAM is mapped and already holds the loaded
     * image's list and source pages: assemble and patch the stub, copy it into the control
     * page, write the architecture's data (page tables, arch data struct), and set the
     * registers the stub's contract expects.
     *
     * @return where the stub starts and what it was built from
     */
    KexecLaunch prepare(LoadedImage loaded, Cpu cpu, KexecOptions options);

    /**
     * The registers the boot protocol fixes at the new kernel's entry point, with the value
     * each must hold ({@code x0 = dtb}, {@code r1 = machine type}, {@code rflags = 0x2}, ...).
     */
    List<ExpectedRegister> entryProtocol(LoadedImage loaded, KexecLaunch launch);

    /** The registers worth showing at entry, in the architecture's own names and order. */
    List<Register> entryRegisters();

    /**
     * Checks of machine state beyond registers and memory that this architecture's contract
     * makes (page tables it builds, say: that they really map every RAM and segment address to
     * itself). Returns one sentence per violation; empty when all hold.
     */
    default List<String> checkMachineState(LoadedImage loaded, KexecLaunch launch, Cpu cpu) {
        return List.of();
    }

    /**
     * Whether {@link #entryProbe} has a probe for {@code entry}: true by default; false where
     * the architecture has none for that kind of entry (an entry in another instruction set
     * than the probe's code). A run without a probe still checks every
     * destination byte and the entry registers.
     */
    default boolean hasEntryProbe(long entry) {
        return true;
    }

    /**
     * The entry probe: a tiny program of this architecture, assembled to run at
     * {@code entry}, that checks its registers against the boot protocol and writes an
     * {@link EntryProbe} record at {@code recordAddress}.
     */
    EntryProbe entryProbe(long entry, long recordAddress);
}
