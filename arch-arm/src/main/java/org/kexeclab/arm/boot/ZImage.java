package org.kexeclab.arm.boot;

import org.kexeclab.Arch;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.format.KernelImage;
import org.kexeclab.loader.format.UnpackedKernel;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlanningException;

/**
 * A parsed 32-bit arm {@code zImage}: the self-decompressing kernel with magic 0x016f2818 at
 * 0x24, its link-time {@code start} (0x28) and {@code end} (0x2c) addresses; {@code end -
 * start} is the zImage proper, anything after it in the file (an appended DTB) is kept.
 *
 * <p>A zImage may carry a KRNL_SIZE extension tag (magic2 0x45454545 at 0x34, tag list at
 * the offset stored at 0x38): the decompressed kernel's text+data size (read from the
 * zImage at the tag's {@code size_ptr}), its BSS size and, in a six-word tag, the kernel's
 * TEXT_OFFSET (where in RAM the decompressor puts it) and its malloc size.
 *
 * @param file      the whole file; treat as read-only
 * @param start     {@code start} as stored
 * @param end       {@code end} as stored
 * @param edataSize the decompressed kernel's text+data size from the KRNL_SIZE tag, or -1
 * @param bssSize   the decompressed kernel's BSS size from the KRNL_SIZE tag, or -1
 * @param textOffset the kernel's TEXT_OFFSET from a six-word KRNL_SIZE tag, or -1
 */
public record ZImage(byte[] file, long start, long end, long edataSize, long bssSize, long textOffset)
        implements KernelImage {

    /** A zImage whose KRNL_SIZE tag (if any) says no TEXT_OFFSET. */
    public ZImage(byte[] file, long start, long end, long edataSize, long bssSize) {
        this(file, start, end, edataSize, bssSize, -1);
    }

    /** True if the zImage carries a KRNL_SIZE tag. */
    public boolean hasKernelSize() {
        return edataSize >= 0;
    }

    /** True if the KRNL_SIZE tag says where the kernel is decompressed to ({@link #textOffset()}). */
    public boolean hasTextOffset() {
        return textOffset >= 0;
    }

    /** Bytes of the zImage proper: {@code end - start}. */
    public long size() {
        return end - start;
    }

    @Override
    public Arch arch() {
        return ArmArches.ARM;
    }

    /** Planned as kexec-tools' arm zImage loader does ({@link ArmZImagePlanner}). */
    @Override
    public LoadPlan plan(LoadRequest req, MemoryLayout layout) throws PlanningException, ImageFormatException {
        return ArmZImagePlanner.plan(this, req, layout);
    }

    /** The raw Image inside the zImage's xz payload; see {@link ZImagePayload}. */
    @Override
    public UnpackedKernel unpack(long maxSize) throws ImageFormatException {
        return ZImagePayload.unpack(this, maxSize);
    }

    @Override
    public String formatName() {
        return "zImage";
    }

    @Override
    public String toString() {
        return String.format("zImage{start 0x%x, end 0x%x, file 0x%x, edata 0x%x, bss 0x%x, text_offset 0x%x}", start,
                end, file.length, edataSize, bssSize, textOffset);
    }
}
