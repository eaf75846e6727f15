package org.kexeclab.riscv.qemu;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kexeclab.asm.Stub;
import org.kexeclab.asm.StubSource;
import org.kexeclab.bootcheck.EntryTrampoline;
import org.kexeclab.bootcheck.Handover;
import org.kexeclab.bootcheck.MemoryRegion;
import org.kexeclab.bootcheck.QemuLaunch;
import org.kexeclab.bootcheck.QemuMachine;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.riscv.RiscvRelocateKernel;

/**
 * riscv64's boot-check machine: QEMU's {@code virt} board with its default firmware, OpenSBI's
 * {@code fw_dynamic}, at the start of RAM (0x80000000). A riscv64 kernel runs in S-mode and
 * needs its SBI firmware resident, so CPU 0 (reset in M-mode) starts at the trampoline
 * {@value #TRAMPOLINE} in the highest free page, which enters OpenSBI with a
 * {@code fw_dynamic_info} naming the kernel entry as the next stage; OpenSBI enters it in S-mode
 * with a0 = the hart id and a1 = the device tree, the registers the emulated CPU held there.
 * The load is planned clear of what the firmware and QEMU keep in RAM: OpenSBI's 2 MiB at RAM
 * base (behind PMP, and where the standard machine's own area is) and QEMU's device-tree ROM,
 * which QEMU puts in the last 2 MiB below the end of RAM or 3 GiB, whichever is lower. The
 * kernel boots with the machine's own tree ({@code -M virt,dumpdtb=}), which names the 16550
 * UART as {@code stdout-path} ({@code earlycon}).
 */
public final class Riscv64QemuMachine implements QemuMachine {
    /** Where {@code virt}'s RAM, and OpenSBI, start. */
    public static final long RAM_BASE = 0x80000000L;
    /** The entry trampoline's source. */
    public static final String TRAMPOLINE = "qemu_entry_riscv64.S";
    /** What OpenSBI keeps at RAM base: the kernel itself is never placed below base + 2 MiB. */
    static final long FIRMWARE_SIZE = 0x200000;
    /** QEMU's device-tree ROM is 2 MiB aligned below the end of RAM or this, whichever is lower. */
    static final long DEVICE_TREE_CEILING = 0xc0000000L;
    /** The room kept for that ROM. */
    static final long DEVICE_TREE_ROOM = 0x200000;
    /** The registers handed over: what the boot protocol fixes. */
    static final List<String> REGISTERS = List.of("a0", "a1");

    /** The trampoline's source, as {@code ArchSupport.stubSources()} lists it. */
    public static StubSource trampolineSource() {
        return new StubSource(TRAMPOLINE, Riscv64QemuMachine.class, RiscvRelocateKernel.assembler(),
                Map.of("FW_BASE", RAM_BASE));
    }

    @Override
    public String binary() {
        return "qemu-system-riscv64";
    }

    @Override
    public String debianPackage() {
        return "qemu-system-misc";
    }

    @Override
    public String machine() {
        return "virt";
    }

    @Override
    public List<String> options() {
        return List.of();
    }

    @Override
    public long ramBase() {
        return RAM_BASE;
    }

    @Override
    public MemoryLayout layout(long ramSize) {
        long machineArea = StandardMachine.MACHINE_AREA_SIZE;
        long top = Math.min(RAM_BASE + ramSize, DEVICE_TREE_CEILING);
        return StandardMachine.at(RAM_BASE).memory(ramSize).sparse()
                .reserve(RAM_BASE + machineArea, FIRMWARE_SIZE - machineArea, "OpenSBI (QEMU's firmware)")
                .reserve(top - DEVICE_TREE_ROOM, DEVICE_TREE_ROOM, "QEMU's device-tree ROM")
                .build();
    }

    @Override
    public boolean usesDeviceTree() {
        return true;
    }

    @Override
    public String consoleArguments() {
        return "console=ttyS0 earlycon";
    }

    @Override
    public List<String> entryRegisters() {
        return REGISTERS;
    }

    @Override
    public QemuLaunch launch(Handover h) {
        long at = h.highestFreePage(DEVICE_TREE_CEILING);
        Stub stub = EntryTrampoline.assemble(trampolineSource(), at, h.entry(), h.registers(), 8);
        List<MemoryRegion> regions = new ArrayList<>(h.memory());
        regions.add(new MemoryRegion(at, stub.bytes(), "entry trampoline"));
        return new QemuLaunch(regions, null, stub.symbol(EntryTrampoline.START), String.format(
                "CPU 0 starts in M-mode at the trampoline at 0x%x, which enters OpenSBI at 0x%x with a "
                        + "fw_dynamic_info naming the kernel entry 0x%x in S-mode on hart %d; OpenSBI enters it "
                        + "with a0 = the hart id, a1 = 0x%x", at, RAM_BASE, h.entry(), h.register("a0"),
                h.register("a1")));
    }
}
