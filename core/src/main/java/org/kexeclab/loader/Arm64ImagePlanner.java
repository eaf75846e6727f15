package org.kexeclab.loader;

import java.util.LinkedHashMap;
import java.util.Map;
import org.kexeclab.Arch;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.image.SegmentData;

/**
 * Plans an arm64 Image the way kexec-tools' {@code arm64_locate_kernel_segment()} and
 * {@code arm64_load_other_segments()} do: the lowest 2 MiB-aligned hole of
 * {@code text_offset + image_size} bytes, the Image at hole + {@code text_offset} with
 * {@code memsz = image_size}, then initrd and DTB bottom-up above the image, within 32 GiB
 * of the image's 1 GiB-aligned base. Entry: the Image's first instruction, {@code x0} = DTB.
 */
final class Arm64ImagePlanner {
    static final long GIB = 1L << 30;

    private Arm64ImagePlanner() {
    }

    static LoadPlan plan(Arm64Image img, LoadRequest req, MemoryLayout layout)
            throws PlanningException, ImageFormatException {
        HoleAllocator alloc = new HoleAllocator(layout);
        long hole = firstHole(alloc, img);
        long imageBase = hole + img.textOffset();
        alloc.addAt("kernel", SegmentData.of(img.image()), imageBase, img.imageSize());
        long holeMin = imageBase + img.imageSize();
        long holeMax = HoleAllocator.roundUp(imageBase, GIB) + 32 * GIB;
        long dtb = DeviceTreeBootData.place(alloc, Arch.ARM64, layout, req, holeMin, holeMax);
        Map<String, Long> regs = new LinkedHashMap<>();
        regs.put("x0", dtb);
        regs.put("x1", 0L);
        regs.put("x2", 0L);
        regs.put("x3", 0L);
        return Plans.build(Arch.ARM64, layout, imageBase, alloc.placed(), img, regs);
    }

    /** The lowest 2 MiB-aligned hole for text_offset + image_size (probed with a throw-away allocator). */
    private static long firstHole(HoleAllocator alloc, Arm64Image img) throws PlanningException {
        HoleAllocator probe = new HoleAllocator(alloc.layout());
        return probe.add("kernel (text_offset + image_size)", SegmentData.generated(0, 0),
                img.textOffset() + img.imageSize(), Arm64Image.BASE_ALIGN, 0, HoleAllocator.NO_MAX, false);
    }
}
