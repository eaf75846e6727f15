package org.kexeclab.riscv.boot;

import java.util.LinkedHashMap;
import java.util.Map;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.image.SegmentData;
import org.kexeclab.loader.dt.DeviceTreeBootData;
import org.kexeclab.loader.dt.FdtWriter;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.plan.HoleAllocator;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.Plans;
import org.kexeclab.loader.plan.PlanningException;
import org.kexeclab.riscv.RiscvArches;
import org.kexeclab.riscv.RiscvMachineKexec;

/**
 * kexec-tools' RISC-V Image placement ({@code image_riscv_load} and {@code load_extra_segments}):
 * the kernel at the start of the first allocatable RAM range, rounded up to {@code text_offset},
 * that holds {@code image_size} (the entry point is that base); then, top-down above
 * {@code text_offset + image_size} (kexec-tools passes the header's {@code text_offset} where the
 * kernel's base is meant), the initrd at the top of RAM and the device tree, patched with the
 * initrd's addresses and the command line, right below it. Boot registers: {@code a0} = the hart
 * id, {@code a1} = the device tree.
 */
public final class RiscvImagePlanner {
    /** riscv's {@code COMMAND_LINE_SIZE} (arch/riscv/include/uapi/asm/setup.h), NUL included. */
    public static final int COMMAND_LINE_SIZE = 1024;

    private RiscvImagePlanner() {
    }

    static LoadPlan plan(RiscvImage img, LoadRequest req, MemoryLayout layout)
            throws PlanningException, ImageFormatException {
        DeviceTreeBootData.checkCommandLine(RiscvArches.RISCV64, req.cmdline(), COMMAND_LINE_SIZE);
        HoleAllocator alloc = new HoleAllocator(layout);
        long base = kernelBase(layout, img);
        alloc.addAt("kernel", SegmentData.of(img.image()), base, img.imageSize());
        Map<String, Long> regs = placeBootData(alloc, layout, req, img.textOffset() + img.imageSize());
        return Plans.build(RiscvArches.RISCV64, layout, base, alloc.placed(), img.formatName(), regs);
    }

    /**
     * The initrd (if any) at the top of RAM above {@code min}, the device tree below it; returns
     * the boot registers.
     */
    static Map<String, Long> placeBootData(HoleAllocator alloc, MemoryLayout layout, LoadRequest req, long min)
            throws PlanningException, ImageFormatException {
        long max = HoleAllocator.NO_MAX;
        long initrdStart = -1;
        long initrdEnd = -1;
        if (req.initrd() != null) {
            initrdStart = alloc.add("initrd", SegmentData.of(req.initrd()), req.initrd().length, 4096, min, max, true);
            initrdEnd = initrdStart + req.initrd().length;
            max = initrdStart;
        }
        byte[] dtb = FdtWriter.write(DeviceTreeBootData.tree(RiscvArches.RISCV64, layout, req, initrdStart, initrdEnd));
        DeviceTreeBootData.checkSize(dtb.length);
        long dtbAt = alloc.add("dtb", SegmentData.of(dtb), dtb.length, 4096, min, max, true);
        Map<String, Long> regs = new LinkedHashMap<>();
        regs.put("a0", RiscvMachineKexec.HART_ID);
        regs.put("a1", dtbAt);
        return regs;
    }

    /** The first allocatable RAM range's start rounded up to text_offset, if image_size fits there. */
    private static long kernelBase(MemoryLayout layout, RiscvImage img) throws PlanningException {
        for (AddressRange r : layout.allocatableRam()) {
            long start = HoleAllocator.roundUp(r.start(), img.textOffset());
            if (Long.compareUnsigned(start, r.end()) < 0 && Long.compareUnsigned(r.end() - start, img.imageSize()) >= 0) {
                return start;
            }
        }
        throw new PlanningException(String.format("no RAM range holds the kernel's 0x%x bytes (image_size) at a "
                + "0x%x-aligned base (text_offset): give the machine more memory", img.imageSize(), img.textOffset()));
    }
}
