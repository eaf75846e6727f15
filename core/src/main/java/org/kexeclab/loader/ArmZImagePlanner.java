package org.kexeclab.loader;

import java.util.LinkedHashMap;
import java.util.Map;
import org.kexeclab.Arch;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.image.SegmentData;

/**
 * Plans an arm zImage after kexec-tools' {@code zImage_arm_load()}: the lowest hole of
 * {@code 0x8000 + file size} bytes, the zImage at hole + 0x8000 (TEXT_OFFSET), the initrd
 * above room for a decompressed kernel of four times the zImage's size, and the DTB after
 * the initrd. Entry: the zImage's first instruction with {@code r0} = 0,
 * {@code r1} = 0xffffffff (no machine number: boot by device tree), {@code r2} = DTB.
 */
final class ArmZImagePlanner {
    /** The zImage's offset from its hole (the kernel's TEXT_OFFSET). */
    static final long EXTRA = 0x8000;
    /** Room kept for the kernel the zImage decompresses, in multiples of the zImage's size. */
    static final long DECOMPRESSED_FACTOR = 4;

    private ArmZImagePlanner() {
    }

    static LoadPlan plan(ZImage z, LoadRequest req, MemoryLayout layout) throws PlanningException, ImageFormatException {
        HoleAllocator alloc = new HoleAllocator(layout);
        long len = z.file().length;
        long hole = new HoleAllocator(layout).add("zImage + 0x8000", SegmentData.generated(0, 0), len + EXTRA, 4096,
                0, 1L << 32, false);
        long kernelBase = hole + EXTRA;
        alloc.addAt("kernel", SegmentData.of(z.file()), kernelBase, len);
        long holeMin = kernelBase + HoleAllocator.roundUp(len * DECOMPRESSED_FACTOR, 4096);
        long dtb = DeviceTreeBootData.place(alloc, Arch.ARM, layout, req, holeMin, 1L << 32);
        Map<String, Long> regs = new LinkedHashMap<>();
        regs.put("r0", 0L);
        regs.put("r1", 0xffffffffL);
        regs.put("r2", dtb);
        return Plans.build(Arch.ARM, layout, kernelBase, alloc.placed(), z, regs);
    }
}
