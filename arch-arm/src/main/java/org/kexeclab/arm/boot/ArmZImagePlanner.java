package org.kexeclab.arm.boot;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.image.SegmentData;
import org.kexeclab.loader.dt.DeviceTreeBootData;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.plan.HoleAllocator;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlanningException;
import org.kexeclab.loader.plan.Plans;

/**
 * Plans an arm zImage after kexec-tools' {@code zImage_arm_load()}: only the zImage proper
 * ({@code end - start} bytes, an appended DTB is dropped) is loaded, with {@code memsz} four
 * bytes longer; the zImage needs its size + 0x11000 (stack and malloc space) while it runs;
 * the decompressed kernel's room comes from the KRNL_SIZE tag, or is five times that.
 * The lowest hole of need + 0x8000 bytes is taken and the zImage placed 0x8000 (TEXT_OFFSET)
 * into it; the initrd goes in the lowest page-aligned hole above the decompressed kernel's
 * room, the DTB in the lowest hole starting one spare page past the initrd. Entry: the
 * zImage's first instruction with {@code r0} = 0, {@code r1} = 0xffffffff (no machine
 * number: boot by device tree), {@code r2} = DTB.
 *
 * <p><b>Where the room starts: from the kernel's facts, not from kexec-tools' 0x8000.</b>
 * kexec-tools counts the room from the zImage's own address, as if the kernel were decompressed
 * there. A multi-platform kernel (CONFIG_AUTO_ZRELADDR) is decompressed to its zImage's address
 * rounded down to 128 MiB plus its TEXT_OFFSET, and when the zImage overlaps that kernel the
 * decompressor first copies itself past the kernel's end. When the KRNL_SIZE tag states the
 * TEXT_OFFSET (Debian's armmp 6.1: 0x208000, not 0x8000), the room is counted from the higher
 * of the zImage and that address; with kexec-tools' rule the decompressor's copy overwrites the
 * first 2 MiB above the room, where the device tree is when there is no initrd (measured on
 * QEMU: no banner). A zImage whose tag says no TEXT_OFFSET keeps kexec-tools' rule.
 */
final class ArmZImagePlanner {
    /** The zImage's offset from its hole (the kernel's TEXT_OFFSET). */
    static final long EXTRA = 0x8000;
    /** The zImage's stack (4 KiB) and malloc space (64 KiB), not counted in its size. */
    static final long RUNTIME_SPACE = 0x11000;
    /** CONFIG_AUTO_ZRELADDR: the decompressor's RAM base is its own address rounded down to 128 MiB. */
    static final long ZRELADDR_ALIGN = 128L << 20;
    /** kexec-tools' assumed compression ratio (4) plus the compressed image itself. */
    static final long IMAGE_FACTOR = 5;
    static final long FOUR_GIB = 1L << 32;
    /** arm's {@code COMMAND_LINE_SIZE} (arch/arm/include/uapi/asm/setup.h), NUL included. */
    static final int COMMAND_LINE_SIZE = 1024;

    private ArmZImagePlanner() {
    }

    /**
     * The memory the running zImage and the kernel it decompresses need from the zImage's
     * address: with a KRNL_SIZE tag {@code max(edata + bss, edata + need)}, else {@code 5 * need}.
     */
    static long imageRoom(ZImage z, long need) {
        if (!z.hasKernelSize()) {
            return need * IMAGE_FACTOR;
        }
        return Math.max(z.edataSize() + z.bssSize(), z.edataSize() + need);
    }

    /**
     * Where the room {@link #imageRoom} counts from for a zImage at {@code zImage}: the higher of
     * the zImage and the address its decompressor writes the kernel to, when the tag gives the
     * TEXT_OFFSET; the zImage otherwise (kexec-tools' rule).
     */
    static long roomStart(ZImage z, long zImage) {
        if (!z.hasTextOffset()) {
            return zImage;
        }
        return Math.max(zImage, decompressedKernel(z, zImage));
    }

    /** The address the decompressor of a zImage at {@code zImage} writes the kernel to (AUTO_ZRELADDR). */
    static long decompressedKernel(ZImage z, long zImage) {
        return (zImage & -ZRELADDR_ALIGN) + z.textOffset();
    }

    static LoadPlan plan(ZImage z, LoadRequest req, MemoryLayout layout) throws PlanningException, ImageFormatException {
        DeviceTreeBootData.checkCommandLine(ArmArches.ARM, req.cmdline(), COMMAND_LINE_SIZE);
        HoleAllocator alloc = new HoleAllocator(layout);
        long len = z.size();
        long need = len + RUNTIME_SPACE;
        long hole = new HoleAllocator(layout).add("zImage and its stack, heap and TEXT_OFFSET",
                SegmentData.generated(0, 0), need + EXTRA, 4096, 0, FOUR_GIB, false);
        long kernelBase = hole + EXTRA;
        byte[] proper = Arrays.copyOf(z.file(), (int) len);
        alloc.addAt("kernel", SegmentData.of(proper), kernelBase, len + 4);
        long holeMin = roomStart(z, kernelBase) + HoleAllocator.roundUp(imageRoom(z, need), 4096);
        long dtb = DeviceTreeBootData.place(alloc, ArmArches.ARM, layout, req, holeMin, FOUR_GIB, true);
        Map<String, Long> regs = new LinkedHashMap<>();
        regs.put("r0", 0L);
        regs.put("r1", 0xffffffffL);
        regs.put("r2", dtb);
        return Plans.build(ArmArches.ARM, layout, kernelBase, alloc.placed(), z.formatName(), regs);
    }
}
