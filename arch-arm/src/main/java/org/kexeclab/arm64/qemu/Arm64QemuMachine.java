package org.kexeclab.arm64.qemu;

import java.nio.ByteOrder;
import java.util.List;
import org.kexeclab.arm.qemu.VirtBoard;
import org.kexeclab.arm64.A64Encoder;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.StubSource;

/**
 * arm64's boot-check machine: the {@code virt} board ({@link VirtBoard}) with a Cortex-A57,
 * started at EL1 (no {@code virtualization=on}: kexec-lab models a kernel that runs at EL1,
 * whose relocation stays at EL1); {@value #TRAMPOLINE} sets x0-x3.
 */
public final class Arm64QemuMachine extends VirtBoard {
    /** Where {@code virt}'s RAM starts. */
    public static final long RAM_BASE = VirtBoard.RAM_BASE;
    /** The entry trampoline's source. */
    public static final String TRAMPOLINE = "qemu_entry_arm64.S";
    /** The registers handed over: what the boot protocol fixes. */
    static final List<String> REGISTERS = List.of("x0", "x1", "x2", "x3");

    /** The machine: qemu-system-aarch64, Cortex-A57, 8-byte trampoline slots. */
    public Arm64QemuMachine() {
        super("qemu-system-aarch64", "cortex-a57", REGISTERS, 8, "EL1, MMU and caches off, DAIF masked");
    }

    /** The trampoline's source, as {@code ArchSupport.stubSources()} lists it. */
    public static StubSource trampolineSource() {
        return new StubSource(TRAMPOLINE, Arm64QemuMachine.class, new Assembler(new A64Encoder(),
                ByteOrder.LITTLE_ENDIAN), java.util.Map.of());
    }

    @Override
    protected StubSource trampoline() {
        return trampolineSource();
    }
}
