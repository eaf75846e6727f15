package org.kexeclab.arm.qemu;

import java.util.ArrayList;
import java.util.List;
import org.kexeclab.asm.Stub;
import org.kexeclab.asm.StubSource;
import org.kexeclab.bootcheck.EntryTrampoline;
import org.kexeclab.bootcheck.Handover;
import org.kexeclab.bootcheck.MemoryRegion;
import org.kexeclab.bootcheck.QemuLaunch;
import org.kexeclab.bootcheck.QemuMachine;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.kexec.StandardMachine;

/**
 * QEMU's {@code virt} board as both ARM architectures boot-check on it; what differs between
 * them (the emulator binary, the CPU, the trampoline, the registers it sets, the reset state)
 * is given by the subclass. RAM starts at 1 GiB; QEMU keeps its own device tree in a ROM at the
 * first MiB of RAM, exactly where the standard machine's own area is, so no destination can land
 * on it. The kernel boots with that tree ({@code -M virt,dumpdtb=}), which the loader gives the
 * command line and initrd as kexec-tools does, and writes from its first printk to the PL011
 * the tree's {@code stdout-path} names ({@code earlycon}). CPU 0 starts at the trampoline in the
 * highest free page below 4 GiB, which sets the boot registers and branches to the kernel entry.
 */
public abstract class VirtBoard implements QemuMachine {
    /** Where {@code virt}'s RAM starts. */
    public static final long RAM_BASE = 0x40000000L;
    private static final long FOUR_GIB = 1L << 32;

    private final String binary;
    private final String cpu;
    private final List<String> registers;
    private final int slotBytes;
    private final String resetState;

    /**
     * @param binary     the QEMU system emulator ({@code qemu-system-aarch64}, {@code qemu-system-arm})
     * @param cpu        the {@code -cpu} model
     * @param registers  the registers the trampoline sets: what the boot protocol fixes
     * @param slotBytes  the size of the trampoline's data slots: the architecture's word
     * @param resetState the CPU state QEMU resets to, in words, for the launch's description
     */
    protected VirtBoard(String binary, String cpu, List<String> registers, int slotBytes, String resetState) {
        this.binary = binary;
        this.cpu = cpu;
        this.registers = List.copyOf(registers);
        this.slotBytes = slotBytes;
        this.resetState = resetState;
    }

    /** The trampoline's source, assembled for this architecture. */
    protected abstract StubSource trampoline();

    @Override
    public final String binary() {
        return binary;
    }

    /** Both emulators come in Debian's {@code qemu-system-arm} package. */
    @Override
    public final String debianPackage() {
        return "qemu-system-arm";
    }

    @Override
    public final String machine() {
        return "virt";
    }

    @Override
    public final List<String> options() {
        return List.of("-cpu", cpu);
    }

    @Override
    public final long ramBase() {
        return RAM_BASE;
    }

    @Override
    public final MemoryLayout layout(long ramSize) {
        return StandardMachine.at(RAM_BASE).memory(ramSize).sparse().build();
    }

    @Override
    public final boolean usesDeviceTree() {
        return true;
    }

    @Override
    public final String consoleArguments() {
        return "console=ttyAMA0 earlycon";
    }

    @Override
    public final List<String> entryRegisters() {
        return registers;
    }

    @Override
    public final QemuLaunch launch(Handover h) {
        long at = h.highestFreePage(FOUR_GIB);
        Stub stub = EntryTrampoline.assemble(trampoline(), at, h.entry(), h.registers(), slotBytes);
        List<MemoryRegion> regions = new ArrayList<>(h.memory());
        regions.add(new MemoryRegion(at, stub.bytes(), "entry trampoline"));
        return new QemuLaunch(regions, null, stub.symbol(EntryTrampoline.START), String.format(
                "CPU 0 starts at the trampoline at 0x%x (QEMU's reset state: %s), which loads %s-%s and branches to "
                        + "the kernel entry 0x%x", at, resetState, registers.get(0),
                registers.get(registers.size() - 1), h.entry()));
    }
}
