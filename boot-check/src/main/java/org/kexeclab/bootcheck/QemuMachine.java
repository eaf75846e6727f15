package org.kexeclab.bootcheck;

import java.util.List;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.loader.dt.Fdt;
import org.kexeclab.loader.plan.PlanningException;

/**
 * One architecture's QEMU machine for {@code boot-check}: the binding an architecture hands
 * out through {@code ArchSupport.binding(QemuMachine.class)} (empty: no boot check there).
 * It says which {@code qemu-system-*} runs the architecture and with which machine, the
 * memory map that machine has (so the load is planned and relocated on it), how its own device
 * tree is made ready for the load, which console the kernel writes to, which registers the
 * kernel's entry needs, and how QEMU is started with the emulator's memory and registers.
 * Nothing here runs QEMU or the emulator: {@link BootCheck} does, the same way for every
 * architecture.
 */
public interface QemuMachine {

    /** The system emulator's program name, {@code qemu-system-} and its target. */
    String binary();

    /** The Debian package that ships {@link #binary()}, for the sentence that says what to install. */
    String debianPackage();

    /** The {@code -M} value, the board and its properties; {@code dumpdtb=FILE} is appended to it to dump its device tree. */
    String machine();

    /** The other options of the machine, such as its CPU model ({@code -m} is added from the RAM size). */
    List<String> options();

    /** Where the machine's RAM starts. */
    long ramBase();

    /**
     * The machine's memory map with {@code ramSize} bytes of RAM, as the load is planned and
     * relocated on it: the standard machine's area at {@link #ramBase()} and whatever the
     * machine's firmware keeps (reserved ranges).
     */
    MemoryLayout layout(long ramSize);

    /**
     * Whether the kernel boots with the machine's own device tree: dumped by QEMU
     * ({@code -M machine,dumpdtb=FILE}), made ready by {@link #deviceTree}, then given to the
     * loader as the user's DTB, which adds the command line and initrd as kexec-tools would.
     */
    default boolean usesDeviceTree() {
        return false;
    }

    /**
     * The dumped device tree made ready for a kexec'd kernel on {@code layout}: the properties
     * a running kernel's tree carries that QEMU's firmware would otherwise add (the tree as
     * dumped by default).
     *
     * @throws PlanningException if the tree is not what the machine needs (one sentence)
     */
    default Fdt deviceTree(Fdt dumped, MemoryLayout layout) throws PlanningException {
        return dumped;
    }

    /** The command-line arguments that send the kernel's console to QEMU's serial output, from the first printk. */
    String consoleArguments();

    /**
     * The registers, by their names in the architecture's register set, that the kernel's entry
     * needs and that are read from the emulated CPU at the kernel entry for {@link #launch}.
     */
    List<String> entryRegisters();

    /**
     * Console text that means the boot has failed for certain before the banner, so the watch
     * ends at once instead of at the timeout (a decompressor's "System halted"). None by default.
     */
    default List<String> failureMarkers() {
        return List.of();
    }

    /**
     * What QEMU is started with: {@code handover}'s memory as it is (corrupted pages
     * included), the architecture's entry trampoline that puts the handed-over registers in
     * place and jumps to the entry, and where CPU 0 starts.
     *
     * @throws PlanningException if the handed-over state is beyond what the machine's trampoline
     *                           can enter (one sentence: which address, which limit)
     */
    QemuLaunch launch(Handover handover) throws PlanningException;
}
