package org.kexeclab.arm.qemu;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.kexeclab.arm.A32Encoder;
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
 * 32-bit ARM's boot-check machine: QEMU's {@code virt} board with a Cortex-A15, started in SVC
 * mode (no {@code virtualization=on}: kexec-lab models a kernel that runs in SVC mode). RAM
 * starts at 1 GiB; QEMU keeps its own device tree in a ROM at the first MiB of RAM, exactly
 * where the standard machine's own area is, so no destination can land on it. The kernel (a
 * zImage, which decompresses itself to RAM base + its TEXT_OFFSET) boots with that tree
 * ({@code -M virt,dumpdtb=}), which the loader gives the command line and initrd as kexec-tools
 * does, and writes from its first printk to the PL011 the tree's {@code stdout-path} names
 * ({@code earlycon}). CPU 0 starts at {@value #TRAMPOLINE} in the highest free page below
 * 4 GiB, which sets r0-r2 and branches to the kernel entry.
 */
public final class ArmQemuMachine implements QemuMachine {
    /** Where {@code virt}'s RAM starts. */
    public static final long RAM_BASE = 0x40000000L;
    /** The entry trampoline's source. */
    public static final String TRAMPOLINE = "qemu_entry_arm.S";
    /** The registers handed over: what the boot protocol fixes. */
    static final List<String> REGISTERS = List.of("r0", "r1", "r2");
    private static final long FOUR_GIB = 1L << 32;

    /** The trampoline's source, as {@code ArchSupport.stubSources()} lists it. */
    public static StubSource trampolineSource() {
        return new StubSource(TRAMPOLINE, ArmQemuMachine.class, new Assembler(new A32Encoder(),
                ByteOrder.LITTLE_ENDIAN), java.util.Map.of());
    }

    @Override
    public String binary() {
        return "qemu-system-arm";
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
        return List.of("-cpu", "cortex-a15");
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
        Stub stub = EntryTrampoline.assemble(trampolineSource(), at, h.entry(), h.registers(), 4);
        List<MemoryRegion> regions = new ArrayList<>(h.memory());
        regions.add(new MemoryRegion(at, stub.bytes(), "entry trampoline"));
        return new QemuLaunch(regions, null, stub.symbol(EntryTrampoline.START), String.format(
                "CPU 0 starts at the trampoline at 0x%x (QEMU's reset state: SVC mode, ARM state, IRQ and FIQ masked, MMU "
                        + "and caches off), which loads r0-r2 and branches to the kernel entry 0x%x", at, h.entry()));
    }
}
