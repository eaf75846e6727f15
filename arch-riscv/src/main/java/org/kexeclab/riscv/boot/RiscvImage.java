package org.kexeclab.riscv.boot;

import org.kexeclab.Arch;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.format.KernelImage;
import org.kexeclab.loader.format.UnpackedKernel;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlanningException;
import org.kexeclab.riscv.RiscvArches;

/**
 * A parsed RISC-V {@code Image} (Documentation/arch/riscv/boot-image-header.rst): a 64-byte
 * header with {@code text_offset} (the alignment of the load address the kernel expects, 2 MiB
 * on RV64), {@code image_size} (bytes the kernel needs, BSS included), {@code flags} (bit 0: big
 * endian), {@code version} (major in the high half), magic "RISCV\0\0\0" at 0x30 and "RSC\x05"
 * at 0x38.
 *
 * @param image      the Image bytes; treat as read-only
 * @param textOffset {@code text_offset}
 * @param imageSize  {@code image_size} (at least the file size)
 * @param flags      {@code flags}
 * @param version    {@code version}
 */
public record RiscvImage(byte[] image, long textOffset, long imageSize, long flags, long version)
        implements KernelImage {

    @Override
    public Arch arch() {
        return RiscvArches.RISCV64;
    }

    /** Planned as kexec-tools' RISC-V Image loader does ({@link RiscvImagePlanner}). */
    @Override
    public LoadPlan plan(LoadRequest req, MemoryLayout layout) throws PlanningException, ImageFormatException {
        return RiscvImagePlanner.plan(this, req, layout);
    }

    /** The Image itself: a raw image. */
    @Override
    public UnpackedKernel unpack(long maxSize) {
        return new UnpackedKernel(image, false, "the RISC-V Image");
    }

    @Override
    public String formatName() {
        return RiscvImageParser.FORMAT;
    }

    @Override
    public String toString() {
        return String.format("%s{text_offset 0x%x, image_size 0x%x, flags 0x%x, version %d.%d, file 0x%x}",
                formatName(), textOffset, imageSize, flags, version >>> 16, version & 0xffff, image.length);
    }
}
