package org.kexeclab.ppc.qemu;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Stub;
import org.kexeclab.asm.StubSource;
import org.kexeclab.bootcheck.EntryTrampoline;
import org.kexeclab.bootcheck.Handover;
import org.kexeclab.bootcheck.MemoryRegion;
import org.kexeclab.bootcheck.QemuLaunch;
import org.kexeclab.bootcheck.QemuMachine;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.loader.dt.Fdt;
import org.kexeclab.loader.dt.FdtNode;
import org.kexeclab.loader.plan.PlanningException;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.ppc.PpcEncoder;

/**
 * 64-bit PowerPC's boot-check machine: QEMU's {@code pseries} board with a POWER9 and the
 * small VOF firmware ({@code x-vof=on}: it copies no device tree into RAM, unlike SLOF, which
 * would overwrite a destination at reset). RAM starts at 0, as on the standard machine.
 *
 * <p>pseries sets CPU 0's start to 0x100 of its firmware image after every device's reset, so
 * the start cannot be given as on {@code virt}: the firmware ({@code -bios}) is one page made
 * here, holding the first 0x100 bytes the emulated kexec sequence left at physical 0 (the new
 * kernel's own, for its secondary CPUs) and at 0x100 the reset code {@value #RESET} that
 * branches to the entry trampoline {@value #TRAMPOLINE} in the highest free page. The
 * trampoline, big-endian as the CPU resets, loads r3-r5 and enters the kernel with
 * {@code rfid} and the MSR the emulated CPU held (64-bit mode, real mode, its byte order).
 *
 * <p>The kernel boots with QEMU's own tree ({@code dumpdtb}) with {@code /chosen} as a
 * running kernel's tree carries it (kexec-tools copies that tree): the console's
 * {@code stdout-path}, and no trace of the firmware's client interface (VOF's {@code stdout}
 * instance handle, the memory node's {@code available} list); the loader adds the command
 * line and initrd. The console is the hypervisor's virtual terminal {@code hvc0}.
 */
public final class Ppc64QemuMachine implements QemuMachine {
    /** The entry trampoline's source. */
    public static final String TRAMPOLINE = "qemu_entry_ppc64.S";
    /** The firmware page's reset code's source. */
    public static final String RESET = "qemu_reset_ppc64.S";
    /** Where pseries starts CPU 0 in its firmware image. */
    static final long RESET_VECTOR = 0x100;
    /** The registers handed over: the boot protocol's three and the MSR. */
    static final List<String> REGISTERS = List.of("r3", "r4", "r5", "msr");
    /** The first bytes the kexec sequence copies to physical 0. */
    private static final int LOW_VECTORS = 0x100;
    private static final int FIRMWARE_PAGE = 0x1000;
    private static final long FOUR_GIB = 1L << 32;

    /** The trampoline's source. */
    public static StubSource trampolineSource() {
        return source(TRAMPOLINE, Map.of());
    }

    /** The reset code's source, branching to {@code trampoline}. */
    public static StubSource resetSource(long trampoline) {
        return source(RESET, Map.of("TRAMPOLINE", trampoline));
    }

    private static StubSource source(String name, Map<String, Long> predefined) {
        return new StubSource(name, Ppc64QemuMachine.class, new Assembler(PpcEncoder.forArch(PpcArches.PPC64),
                PpcArches.PPC64.byteOrder()), predefined);
    }

    @Override
    public String binary() {
        return "qemu-system-ppc64";
    }

    @Override
    public String debianPackage() {
        return "qemu-system-ppc";
    }

    @Override
    public String machine() {
        return "pseries,x-vof=on";
    }

    @Override
    public List<String> options() {
        return List.of("-cpu", "POWER9");
    }

    @Override
    public long ramBase() {
        return 0;
    }

    @Override
    public MemoryLayout layout(long ramSize) {
        return StandardMachine.DEFAULT.memory(ramSize).build();
    }

    @Override
    public boolean usesDeviceTree() {
        return true;
    }

    @Override
    public Fdt deviceTree(Fdt dumped, MemoryLayout layout) throws PlanningException {
        FdtNode root = dumped.root();
        FdtNode vdevice = root.child("vdevice").orElseThrow(() -> new PlanningException(
                "QEMU's pseries device tree has no /vdevice node for the console"));
        FdtNode vty = vdevice.children().stream().filter(n -> n.name().startsWith("vty@")).findFirst()
                .orElseThrow(() -> new PlanningException("QEMU's pseries device tree has no /vdevice/vty node"));
        String console = "/vdevice/" + vty.name();
        FdtNode chosen = root.childOrCreate("chosen");
        chosen.remove("stdout");
        chosen.setString("stdout-path", console);
        chosen.setString("linux,stdout-path", console);
        for (FdtNode n : root.children()) {
            if (n.name().equals("memory") || n.name().startsWith("memory@")) {
                n.remove("available");
            }
        }
        return dumped;
    }

    @Override
    public String consoleArguments() {
        return "console=hvc0";
    }

    @Override
    public List<String> entryRegisters() {
        return REGISTERS;
    }

    @Override
    public QemuLaunch launch(Handover h) {
        long at = h.highestFreePage(FOUR_GIB);
        Stub trampoline = EntryTrampoline.assemble(trampolineSource(), at, h.entry(), h.registers(), 8);
        byte[] firmware = new byte[FIRMWARE_PAGE];
        h.emulated().read(0, firmware, 0, LOW_VECTORS);
        byte[] reset = resetCode(trampoline.symbol(EntryTrampoline.START));
        System.arraycopy(reset, 0, firmware, (int) RESET_VECTOR, reset.length);
        List<MemoryRegion> regions = new ArrayList<>(h.memory());
        regions.add(new MemoryRegion(at, trampoline.bytes(), "entry trampoline"));
        MemoryRegion bios = new MemoryRegion(0, firmware, "firmware page (the 0x100 bytes the kexec sequence left "
                + "at 0, reset code at 0x100)");
        return new QemuLaunch(regions, bios, QemuLaunch.RESET_VECTOR, String.format(
                "CPU 0 resets big-endian at 0x100 of the firmware page, which branches to the trampoline at 0x%x; it "
                        + "loads r3-r5 and enters the kernel entry 0x%x with rfid and MSR 0x%x", at, h.entry(),
                h.register("msr")));
    }

    private static byte[] resetCode(long trampoline) {
        try {
            return resetSource(trampoline).assemble(RESET_VECTOR).bytes();
        } catch (AssemblyException e) {
            throw new IllegalStateException("the reset code " + RESET + " does not build: " + e.getMessage(), e);
        }
    }

}
