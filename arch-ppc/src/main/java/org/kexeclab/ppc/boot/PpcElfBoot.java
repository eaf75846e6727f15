package org.kexeclab.ppc.boot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.kexeclab.Arch;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.image.SegmentData;
import org.kexeclab.loader.dt.DeviceTreeBootData;
import org.kexeclab.loader.dt.Fdt;
import org.kexeclab.loader.dt.FdtWriter;
import org.kexeclab.loader.format.ElfBoot;
import org.kexeclab.loader.format.ElfKernel;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.plan.HoleAllocator;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlanningException;

/**
 * How powerpc boots an ELF vmlinux, after kexec-tools' {@code elf_ppc64_load()}: the initrd in
 * the lowest free hole, the device tree in the highest, its last {@code /memreserve/} entry
 * covering the device tree itself; {@code r3} = DTB, {@code r4} = the kernel's entry,
 * {@code r5} = 0.
 *
 * <p>A 64-bit crash load ({@code kexec -p}) puts the kernel at the lowest hole of the crash
 * kernel reservation (kexec-tools moves the first PT_LOAD to {@code locate_hole()}'s answer),
 * then the backup region and the ELF core header ({@link PpcCrashSegments}), then initrd and
 * device tree as above; the tree is the generated one with the crash marks, so a user's DTB is
 * refused for a crash load (kexec-tools' {@code --dtb} path never adds {@code elfcorehdr=}).
 */
public final class PpcElfBoot implements ElfBoot {
    /** powerpc's {@code COMMAND_LINE_SIZE} (arch/powerpc/include/uapi/asm/setup.h), NUL included. */
    public static final int COMMAND_LINE_SIZE = 2048;

    private final Arch arch;

    /** The boot of {@code arch} (ppc32, ppc64 and ppc64le boot alike). */
    public PpcElfBoot(Arch arch) {
        this.arch = arch;
    }

    /** Refuses a command line longer than powerpc's {@code COMMAND_LINE_SIZE} holds. */
    @Override
    public void accept(ElfKernel elf, LoadRequest req) throws PlanningException {
        DeviceTreeBootData.checkCommandLine(arch, req.cmdline(), COMMAND_LINE_SIZE);
        if (req.crash() != null && req.dtb() != null) {
            throw new PlanningException("a powerpc crash load with a user device tree (--dtb) is not modelled: "
                    + "kexec-tools passes elfcorehdr= only in the tree it builds itself");
        }
    }

    /** ppc64 and ppc64le plan crash loads; ppc32's crash layout is not modelled. */
    @Override
    public boolean plansCrashLoads() {
        return arch.wordSize() == 8;
    }

    /** A crash load's kernel goes to the lowest hole of the reservation that holds its first PT_LOAD. */
    @Override
    public OptionalLong placeKernel(HoleAllocator alloc, MemoryLayout layout, ElfKernel elf, LoadRequest req)
            throws PlanningException {
        if (req.crash() == null) {
            return OptionalLong.empty();
        }
        long size = Math.min(elf.segments().get(0).filesz(), elf.segments().get(0).memsz());
        return OptionalLong.of(alloc.copy().add("kernel", SegmentData.generated(0, 0), size, layout.pageSize(), 0,
                HoleAllocator.NO_MAX, false));
    }

    @Override
    public Map<String, Long> placeBootData(HoleAllocator alloc, MemoryLayout layout, LoadRequest req, long kernelEnd,
                                           long entry) throws PlanningException, ImageFormatException {
        LoadRequest booted = req;
        if (req.crash() != null) {
            booted = req.withCmdline(PpcCrashSegments.place(alloc, req, layout, arch.byteOrder()));
            DeviceTreeBootData.checkCommandLine(arch, booted.cmdline(), COMMAND_LINE_SIZE);
        }
        long dtb = placeTree(alloc, layout, booted);
        Map<String, Long> regs = new LinkedHashMap<>();
        regs.put("r3", dtb);
        regs.put("r4", entry);
        regs.put("r5", 0L);
        return regs;
    }

    /** Places the initrd and the self-reserving device tree; returns the tree's address. */
    private long placeTree(HoleAllocator alloc, MemoryLayout layout, LoadRequest req)
            throws PlanningException, ImageFormatException {
        long initrdStart = -1;
        long initrdEnd = -1;
        if (req.initrd() != null) {
            initrdStart = alloc.add("initrd", SegmentData.of(req.initrd()), req.initrd().length, 4096, 0,
                    HoleAllocator.NO_MAX, false);
            initrdEnd = initrdStart + req.initrd().length;
        }
        Fdt patched = DeviceTreeBootData.tree(arch, layout, req, initrdStart, initrdEnd);
        if (req.crash() != null) {
            AddressRange reservation = layout.crashReservation().orElseThrow();
            PpcCrashSegments.markTree(patched, reservation);
        }
        int size = FdtWriter.write(DeviceTreeBootData.withSelfReservation(patched, 0, 1)).length;
        DeviceTreeBootData.checkSize(size);
        HoleAllocator probe = alloc.copy();
        long at = probe.add("dtb", SegmentData.generated(size, 0), size, 8, 0, HoleAllocator.NO_MAX, true);
        byte[] dtb = FdtWriter.write(DeviceTreeBootData.withSelfReservation(patched, at, size));
        alloc.addAt("dtb", SegmentData.of(dtb), at, size);
        return at;
    }
}
