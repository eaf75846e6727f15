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
import org.kexeclab.loader.plan.PlanningException;
import org.kexeclab.x86.X86Encoder;
import org.kexeclab.x86.X86Mode;

/**
 * QEMU's {@code pc} machine as x86_64 and i386 boot-check on it. The machine resets in real
 * mode at 0xfffffff0 and cannot be started elsewhere, so the firmware ({@code -bios}) is a
 * 64 KiB image made here, mapped just below 4 GiB ({@link #BIOS_BASE}): its reset vector jumps to code that
 * leaves real mode for flat 32-bit protected mode (i386: paging off) or long mode with an
 * identity map of all RAM and at least the first 4 GiB (x86_64: 2 MiB pages, their tables built in
 * RAM from 0x1000, inside the first MiB the load keeps off), and enters the kernel as the boot protocol asks, with
 * {@code esi}/{@code rsi} = boot_params and the entry read out of the emulated CPU. No SeaBIOS
 * runs, so there are no ACPI or MP tables: the kernel finds one CPU and no power-off, and QEMU is
 * ended once the banner is seen. The kernel's console is COM1 from its first printk
 * ({@code earlyprintk}); the load is planned on {@link PcMemoryMap}, whose e820 the zero page
 * carries.
 */
public final class PcBoard implements QemuMachine {
    /** Where a 64 KiB {@code -bios} image is mapped: just below 4 GiB. */
    public static final long BIOS_BASE = 0xffff0000L;
    /** Where the x86_64 image builds its page tables: a PML4, a PDPT, then one page directory a GiB. */
    static final long PAGE_TABLES = 0x1000;
    /** The most GiB the x86_64 image maps: its tables then end at 0x83000, below the BIOS data area. */
    static final int MAX_MAPPED_GIB = 128;
    private static final long GIB = 1L << 30;
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

    /** The firmware image's source, as {@code ArchSupport.stubSources()} lists it (x86_64: mapping 4 GiB). */
    public StubSource trampolineSource() {
        return trampolineSource(4);
    }

    /** The firmware image's source, the x86_64 one mapping the first {@code mappedGib} GiB. */
    StubSource trampolineSource(int mappedGib) {
        X86Encoder encoder = new X86Encoder(longMode ? X86Mode.LONG : X86Mode.PROTECTED);
        return new StubSource(trampoline, PcBoard.class, new Assembler(encoder, ByteOrder.LITTLE_ENDIAN),
                longMode ? Map.of("BIOS_BASE", BIOS_BASE, "MAPPED_GIB", (long) mappedGib) : Map.of("BIOS_BASE", BIOS_BASE));
    }

    /**
     * The GiB the x86_64 image maps on {@code layout}: all its RAM, and at least the 4 GiB the
     * image itself lies in.
     *
     * @throws PlanningException if that is more than {@value #MAX_MAPPED_GIB} GiB
     */
    static int mappedGib(MemoryLayout layout) throws PlanningException {
        long top = FOUR_GIB;
        for (var r : layout.ram()) {
            top = Long.compareUnsigned(r.end(), top) > 0 ? r.end() : top;
        }
        long gib = (top + GIB - 1) / GIB;
        if (gib > MAX_MAPPED_GIB) {
            throw new PlanningException("the boot check's x86_64 firmware image maps at most " + MAX_MAPPED_GIB
                    + " GiB of RAM, not " + gib);
        }
        return (int) gib;
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
     * @throws PlanningException if the entry or boot_params lie where the image cannot reach
     *                               them (i386: above 4 GiB), RAM is larger than the x86_64 image
     *                               maps, or a destination overlaps its page tables
     */
    @Override
    public QemuLaunch launch(Handover h) throws PlanningException {
        long params = h.register(register);
        int gib = longMode ? mappedGib(h.layout()) : 4;
        long mapped = gib * GIB;
        if (Long.compareUnsigned(h.entry(), mapped) >= 0 || Long.compareUnsigned(params, mapped) >= 0) {
            throw new PlanningException(String.format("the kernel entry 0x%x or its boot_params 0x%x lie above "
                    + "the %d GiB the boot check's firmware image maps", h.entry(), params, gib));
        }
        long tablesEnd = PAGE_TABLES + (2L + gib) * 0x1000;
        for (MemoryRegion r : h.memory()) {
            if (longMode && r.overlaps(PAGE_TABLES, tablesEnd)) {
                throw new PlanningException(String.format("the %s overlaps the firmware image's page tables at "
                        + "[0x%x, 0x%x)", r, PAGE_TABLES, tablesEnd));
            }
        }
        Stub image = EntryTrampoline.assemble(trampolineSource(gib), 0, h.entry(), h.registers(), slotBytes);
        MemoryRegion bios = new MemoryRegion(BIOS_BASE, image.bytes(), "firmware image (" + trampoline + ")");
        return new QemuLaunch(h.memory(), bios, QemuLaunch.RESET_VECTOR, String.format(
                "CPU 0 resets in real mode at 0xfffffff0 in the firmware image at 0x%x, which enters %s and jumps "
                        + "to the kernel entry 0x%x with %s = 0x%x", BIOS_BASE, longMode
                        ? "long mode (identity map of " + gib + " GiB, tables at 0x1000)" : "flat 32-bit protected mode (paging off)",
                h.entry(), register, params));
    }
}
