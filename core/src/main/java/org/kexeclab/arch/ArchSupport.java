package org.kexeclab.arch;

import java.util.List;
import java.util.Optional;
import org.kexeclab.Arch;
import org.kexeclab.asm.InstructionEncoder;
import org.kexeclab.asm.StubSource;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.RegisterSet;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.loader.crash.CrashKernelRules;
import org.kexeclab.loader.format.ElfMachine;
import org.kexeclab.loader.format.KernelFormat;
import org.kexeclab.loader.plan.Purgatory;

/**
 * Everything architecture-specific, for one architecture: the one service an arch module
 * registers ({@code META-INF/services/org.kexeclab.arch.ArchSupport}), found by {@link Arches}.
 * Core code asks it instead of naming an architecture, so adding an architecture means adding
 * its module and nothing else.
 *
 * <p>Engine bindings are looked up by type ({@link #binding}): an engine module asks for its
 * own binding (the Java engine for its instruction set, the Unicorn engine for its target)
 * without core knowing either type.
 */
public interface ArchSupport {

    /** The architecture. */
    Arch arch();

    /**
     * Where the architecture sorts in {@link Arches#all()} (lower first): lists, tables and
     * help texts show architectures in this order.
     */
    int rank();

    /** Other names users type for it (Debian's and GNU's names of the architecture). */
    default List<String> aliases() {
        return List.of();
    }

    /**
     * The kernel's own name for the architecture's family, its directory under {@code arch/}
     * in the kernel's source (one family may hold several architectures: word sizes, byte orders), as
     * sentences about what kernels of a family offer name it.
     */
    String kernelFamily();

    /** Its registers: names, the program counter, what traces follow, Tenet's names. */
    RegisterSet registers();

    /**
     * The address a run must begin at to execute the instruction at {@code pc} in the instruction
     * set {@code cpu} is in: {@code pc}, plus the bit an architecture keeps in a run's address to
     * select its instruction set.
     */
    default long runAddress(Cpu cpu, long pc) {
        return pc;
    }

    /** Its instruction encoder, for the project's assembler. */
    InstructionEncoder encoder();

    /** Its half of kexec: the relocation stub and the machine state around it. */
    MachineKexec machineKexec();

    /** Its purgatory, if it has one. */
    default Optional<Purgatory> purgatory() {
        return Optional.empty();
    }

    /**
     * Its kdump facts (where {@code crashkernel=} reserves memory, the crash notes' size), if
     * kexec-lab plans crash loads ({@code kexec -p}) of its real kernels; empty means crash loads
     * of a kernel file are not supported here (the demo image's crash variant still runs).
     */
    default Optional<CrashKernelRules> crashKernel() {
        return Optional.empty();
    }

    /** The kernel file formats it boots besides ELF vmlinux, in the order they are tried. */
    default List<KernelFormat> kernelFormats() {
        return List.of();
    }

    /** Its ELF identity ({@code e_machine}, class, data encoding) and how it boots an ELF vmlinux. */
    ElfMachine elf();

    /** kexec-tools' {@code KEXEC_ARCH_*} number, bits 16-31 of {@code kexec_load}'s flags. */
    int kexecArchCode();

    /** The name of {@link #kexecArchCode()} in {@code <linux/kexec.h>} ({@code "KEXEC_ARCH_..."}). */
    String kexecArchConstant();

    /**
     * What GDB needs to debug a run on it over the remote protocol (target description, register
     * access, ELF details); empty where the architecture offers none, and then {@code gdbserver}
     * says so in one sentence.
     */
    default Optional<GdbTarget> gdbTarget() {
        return Optional.empty();
    }

    /** Every {@code .S} source it ships, with the assembler each is built with. */
    List<StubSource> stubSources();

    /**
     * The binding of type {@code type} an engine or tool needs for this architecture (the Java
     * engine's instruction set, the Unicorn engine's target, ...), if the architecture has one.
     */
    default <T> Optional<T> binding(Class<T> type) {
        return Optional.empty();
    }

    /** The first of {@code bindings} that is a {@code type}: how an implementation answers {@link #binding}. */
    static <T> Optional<T> bindingOf(Class<T> type, Object... bindings) {
        for (Object b : bindings) {
            if (type.isInstance(b)) {
                return Optional.of(type.cast(b));
            }
        }
        return Optional.empty();
    }
}
