package org.kexeclab.x86.qemu;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.Stub;
import org.kexeclab.asm.StubSource;
import org.kexeclab.bootcheck.EntryTrampoline;
import org.kexeclab.bootcheck.Handover;
import org.kexeclab.bootcheck.MemoryRegion;
import org.kexeclab.bootcheck.QemuLaunch;
import org.kexeclab.bootcheck.QemuMachine;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.x86.X86Encoder;
import org.kexeclab.x86.X86Mode;

/**
 * QEMU's {@code pc} machine as x86_64 and i386 boot-check on it. The machine resets in real
 * mode at 0xfffffff0 and cannot be started elsewhere, so the firmware ({@code -bios}) is a
 * 64 KiB image made here, mapped just below 4 GiB ({@link #BIOS_BASE}): its reset vector jumps to code that
 * leaves real mode for flat 32-bit protected mode (i386: paging off) or long mode with an
 * identity map of the first 4 GiB (x86_64: page tables built in RAM at 0x1000-0x6fff, inside the
 * first MiB the load keeps off), and enters the kernel as the boot protocol asks, with
 * {@code esi}/{@code rsi} = boot_params and the entry read out of the emulated CPU. No SeaBIOS
 * runs, so there are no ACPI or MP tables: the kernel finds one CPU and no power-off, and QEMU is
 * ended once the banner is seen. The kernel's console is COM1 from its first printk
 * ({@code earlyprintk}); the load is planned on {@link PcMemoryMap}, whose e820 the zero page
 * carries.
 */
public final class PcBoard implements QemuMachine {
    /** Where a 64 KiB {@code -bios} image is mapped: just below 4 GiB. */
    public static final long BIOS_BASE = 0xffff0000L;
    /** Where the x86_64 image builds its page tables, and how far they reach. */
    static final long PAGE_TABLES = 0x1000;
    static final long PAGE_TABLES_END = 0x7000;
    private static final long FOUR_GIB = 1L << 32;

    private final String binary;
    private final String trampoline;
    private final String register;
    private final int slotBytes;
    private final boolean longMode;

    private PcBoard(String binary, String trampoline, String register, int slotBytes, boolean longMode) {
        this.binary = binary;
        this.trampoline = trampoline;
        this.register = register;
        this.slotBytes = slotBytes;
        this.longMode = longMode;
    }

    /** x86_64's: {@code qemu-system-x86_64}, long mode, {@code rsi}. */
    public static PcBoard x86_64() {
        return new PcBoard("qemu-system-x86_64", "qemu_entry_x86_64.S", "rsi", 8, true);
    }

    /** i386's: {@code qemu-system-i386}, flat protected mode, {@code esi}. */
    public static PcBoard i386() {
        return new PcBoard("qemu-system-i386", "qemu_entry_i386.S", "esi", 4, false);
    }

    /** The firmware image's source, as {@code ArchSupport.stubSources()} lists it. */
    public StubSource trampolineSource() {
        X86Encoder encoder = new X86Encoder(longMode ? X86Mode.LONG : X86Mode.PROTECTED);
        return new StubSource(trampoline, PcBoard.class, new Assembler(encoder, ByteOrder.LITTLE_ENDIAN),
                Map.of("BIOS_BASE", BIOS_BASE));
    }

    @Override
    public String binary() {
        return binary;
    }

    /** Both emulators come in Debian's {@code qemu-system-x86} package. */
    @Override
    public String debianPackage() {
        return "qemu-system-x86";
    }

    @Override
    public String machine() {
        return "pc";
    }

    @Override
    public List<String> options() {
        return List.of();
    }

    @Override
    public long ramBase() {
        return 0;
    }

    @Override
    public MemoryLayout layout(long ramSize) {
        return PcMemoryMap.layout(ramSize);
    }

    @Override
    public String consoleArguments() {
        return "console=ttyS0 earlyprintk=serial,ttyS0,115200";
    }

    @Override
    public List<String> entryRegisters() {
        return List.of(register);
    }

    /** The decompressor's last words when the payload it checks is corrupt. */
    @Override
    public List<String> failureMarkers() {
        return List.of("-- System halted");
    }

    /**
     * The destinations as the emulator left them and the firmware image with the entry and
     * boot_params in its slots.
     *
     * @throws IllegalStateException if the entry or boot_params lie where the image cannot reach
     *                               them (above 4 GiB), or a destination overlaps its page tables
     */
    @Override
    public QemuLaunch launch(Handover h) {
        long params = h.register(register);
        if (Long.compareUnsigned(h.entry(), FOUR_GIB) >= 0 || Long.compareUnsigned(params, FOUR_GIB) >= 0) {
            throw new IllegalStateException(String.format("the kernel entry 0x%x or its boot_params 0x%x lie above "
                    + "4 GiB, which the boot check's firmware image does not map", h.entry(), params));
        }
        for (MemoryRegion r : h.memory()) {
            if (longMode && r.overlaps(PAGE_TABLES, PAGE_TABLES_END)) {
                throw new IllegalStateException("the " + r + " overlaps the firmware image's page tables at "
                        + "[0x1000, 0x7000)");
            }
        }
        Stub image = EntryTrampoline.assemble(trampolineSource(), 0, h.entry(), h.registers(), slotBytes);
        MemoryRegion bios = new MemoryRegion(BIOS_BASE, image.bytes(), "firmware image (" + trampoline + ")");
        return new QemuLaunch(h.memory(), bios, QemuLaunch.RESET_VECTOR, String.format(
                "CPU 0 resets in real mode at 0xfffffff0 in the firmware image at 0x%x, which enters %s and jumps "
                        + "to the kernel entry 0x%x with %s = 0x%x", BIOS_BASE, longMode
                        ? "long mode (identity map of 4 GiB at 0x1000)" : "flat 32-bit protected mode (paging off)",
                h.entry(), register, params));
    }
}
