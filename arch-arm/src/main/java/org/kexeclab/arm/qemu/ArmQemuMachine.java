package org.kexeclab.arm.qemu;

import java.nio.ByteOrder;
import java.util.List;
import org.kexeclab.arm.A32Encoder;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.StubSource;

/**
 * 32-bit ARM's boot-check machine: the {@code virt} board ({@link VirtBoard}) with a Cortex-A15,
 * started in SVC mode (no {@code virtualization=on}: kexec-lab models a kernel that runs in SVC
 * mode). The kernel is a zImage, which decompresses itself to RAM base + its TEXT_OFFSET;
 * {@value #TRAMPOLINE} sets r0-r2.
 */
public final class ArmQemuMachine extends VirtBoard {
    /** Where {@code virt}'s RAM starts. */
    public static final long RAM_BASE = VirtBoard.RAM_BASE;
    /** The entry trampoline's source. */
    public static final String TRAMPOLINE = "qemu_entry_arm.S";
    /** The registers handed over: what the boot protocol fixes. */
    static final List<String> REGISTERS = List.of("r0", "r1", "r2");

    /** The machine: qemu-system-arm, Cortex-A15, 4-byte trampoline slots. */
    public ArmQemuMachine() {
        super("qemu-system-arm", "cortex-a15", REGISTERS, 4,
                "SVC mode, ARM state, IRQ and FIQ masked, MMU and caches off");
    }

    /** The trampoline's source, as {@code ArchSupport.stubSources()} lists it. */
    public static StubSource trampolineSource() {
        return new StubSource(TRAMPOLINE, ArmQemuMachine.class, new Assembler(new A32Encoder(),
                ByteOrder.LITTLE_ENDIAN), java.util.Map.of());
    }

    @Override
    protected StubSource trampoline() {
        return trampolineSource();
    }
}
