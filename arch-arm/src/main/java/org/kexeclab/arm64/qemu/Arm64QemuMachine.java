package org.kexeclab.arm64.qemu;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.kexeclab.arm64.A64Encoder;
import org.kexeclab.asm.Assembler;
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
 * arm64's boot-check machine: QEMU's {@code virt} board with a Cortex-A57, started at EL1 (no
 * {@code virtualization=on}: kexec-lab models a kernel that runs at EL1, whose relocation stays
 * at EL1). RAM starts at 1 GiB; QEMU keeps its own device tree in a ROM at the first MiB of RAM,
 * exactly where the standard machine's own area is, so no destination can land on it. The
 * kernel boots with that tree ({@code -M virt,dumpdtb=}), which the loader gives the command
 * line and initrd as kexec-tools does, and writes from its first printk to the PL011 the tree's
 * {@code stdout-path} names ({@code earlycon}). CPU 0 starts at {@value #TRAMPOLINE} in the
 * highest free page below 4 GiB, which sets x0-x3 and branches to the kernel entry.
 */
public final class Arm64QemuMachine implements QemuMachine {
    /** Where {@code virt}'s RAM starts. */
    public static final long RAM_BASE = 0x40000000L;
    /** The entry trampoline's source. */
    public static final String TRAMPOLINE = "qemu_entry_arm64.S";
    /** The registers handed over: what the boot protocol fixes. */
    static final List<String> REGISTERS = List.of("x0", "x1", "x2", "x3");
    private static final long FOUR_GIB = 1L << 32;

    /** The trampoline's source, as {@code ArchSupport.stubSources()} lists it. */
    public static StubSource trampolineSource() {
        return new StubSource(TRAMPOLINE, Arm64QemuMachine.class, new Assembler(new A64Encoder(),
                ByteOrder.LITTLE_ENDIAN), java.util.Map.of());
    }

    @Override
    public String binary() {
        return "qemu-system-aarch64";
    }

    @Override
    public String debianPackage() {
        return "qemu-system-arm";
    }

    @Override
    public String machine() {
        return "virt";
    }

    @Override
    public List<String> options() {
        return List.of("-cpu", "cortex-a57");
    }

    @Override
    public long ramBase() {
        return RAM_BASE;
    }

    @Override
    public MemoryLayout layout(long ramSize) {
        return StandardMachine.at(RAM_BASE).memory(ramSize).sparse().build();
    }

    @Override
    public boolean usesDeviceTree() {
        return true;
    }

    @Override
    public String consoleArguments() {
        return "console=ttyAMA0 earlycon";
    }

    @Override
    public List<String> entryRegisters() {
        return REGISTERS;
    }

    @Override
    public QemuLaunch launch(Handover h) {
        long at = h.highestFreePage(FOUR_GIB);
        Stub stub = EntryTrampoline.assemble(trampolineSource(), at, h.entry(), h.registers(), 8);
        List<MemoryRegion> regions = new ArrayList<>(h.memory());
        regions.add(new MemoryRegion(at, stub.bytes(), "entry trampoline"));
        return new QemuLaunch(regions, null, stub.symbol(EntryTrampoline.START), String.format(
                "CPU 0 starts at the trampoline at 0x%x (QEMU's reset state: EL1, MMU and caches off, DAIF masked), "
                        + "which loads x0-x3 and branches to the kernel entry 0x%x", at, h.entry()));
    }
}
