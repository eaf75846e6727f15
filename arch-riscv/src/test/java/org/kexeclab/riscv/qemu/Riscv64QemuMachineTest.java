package org.kexeclab.riscv.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kexeclab.asm.Stub;
import org.kexeclab.bootcheck.Handover;
import org.kexeclab.bootcheck.MemoryRegion;
import org.kexeclab.bootcheck.QemuLaunch;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.riscv.RiscvArches;

/** riscv64's QEMU virt machine: the memory map the load is planned on and the trampoline into OpenSBI. */
class Riscv64QemuMachineTest {
    private static final long GIB = 1L << 30;
    private static final long KERNEL = 0x80200000L;
    private static final long DTB = 0xbfdfe000L;

    private final Riscv64QemuMachine machine = new Riscv64QemuMachine();

    @Test
    void layout_oneGiB_allocatesOnlyBetweenOpenSbiAndTheDeviceTreeRom() {
        List<AddressRange> free = machine.layout(GIB).allocatableRam();
        assertEquals(0x80200000L, free.get(0).start());
        assertEquals(0xbfe00000L, free.get(free.size() - 1).end());
    }

    @Test
    void layout_fourGiB_deviceTreeRomStaysBelowThreeGiB() {
        MemoryLayout layout = machine.layout(4 * GIB);
        List<AddressRange> free = layout.allocatableRam();
        assertEquals(0x180000000L, free.get(free.size() - 1).end());
        assertTrue(layout.reserved().stream().anyMatch(r -> r.start() == 0xbfe00000L && r.end() == 0xc0000000L),
                layout.reserved().toString());
        assertFalse(free.stream().anyMatch(r -> r.start() < 0xc0000000L && r.end() > 0xbfe00000L), free.toString());
    }

    @Test
    void launch_handover_trampolineEntersOpenSbiWithTheKernelAsItsNextStage() throws Exception {
        Map<String, Long> regs = new LinkedHashMap<>();
        regs.put("a0", 0L);
        regs.put("a1", DTB);
        List<MemoryRegion> memory = List.of(new MemoryRegion(KERNEL, new byte[4096], "kernel"),
                new MemoryRegion(DTB, new byte[8192], "dtb"));
        Handover h = new Handover(RiscvArches.RISCV64, memory, KERNEL, regs, machine.layout(GIB), null);
        QemuLaunch launch = machine.launch(h);

        MemoryRegion tramp = launch.regions().get(launch.regions().size() - 1);
        assertEquals(DTB - 0x1000, tramp.address(), "the highest free page below the tree");
        assertEquals(tramp.address(), launch.start());
        Stub layoutOnly = Riscv64QemuMachine.trampolineSource().assemble(tramp.address());
        ByteBuffer b = ByteBuffer.wrap(tramp.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(Riscv64QemuMachine.RAM_BASE, b.getLong(layoutOnly.offsetOf("fw_base")));
        assertEquals(DTB, b.getLong(layoutOnly.offsetOf("entry_a1")));
        int info = layoutOnly.offsetOf("fw_dynamic_info");
        assertEquals(0x4942534fL, b.getLong(info), "magic OSBI");
        assertEquals(2L, b.getLong(info + 8), "version");
        assertEquals(KERNEL, b.getLong(info + 16), "next_addr");
        assertEquals(1L, b.getLong(info + 24), "next_mode S");
        assertEquals(0L, b.getLong(info + 32), "options");
        assertEquals(0L, b.getLong(info + 40), "boot_hart");
    }

    @Test
    void launch_hartTwo_isOpenSbisBootHart() throws Exception {
        Map<String, Long> regs = new LinkedHashMap<>();
        regs.put("a0", 2L);
        regs.put("a1", DTB);
        Handover h = new Handover(RiscvArches.RISCV64, List.of(new MemoryRegion(KERNEL, new byte[4096], "kernel")),
                KERNEL, regs, machine.layout(GIB), null);
        MemoryRegion tramp = machine.launch(h).regions().get(1);
        int info = Riscv64QemuMachine.trampolineSource().assemble(tramp.address()).offsetOf("fw_dynamic_info");
        assertEquals(2L, ByteBuffer.wrap(tramp.bytes()).order(ByteOrder.LITTLE_ENDIAN).getLong(info + 40));
    }
}
