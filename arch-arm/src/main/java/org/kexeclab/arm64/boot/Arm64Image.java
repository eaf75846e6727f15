package org.kexeclab.arm64.boot;

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
 * A parsed arm64 {@code Image} (Documentation/arch/arm64/booting.rst): a 64-byte header
 * with {@code text_offset} (offset from a 2 MiB-aligned base), {@code image_size} (bytes
 * the kernel needs from its start, BSS included) and {@code flags}, magic "ARM\x64" at 0x38.
 *
 * @param image      the (decompressed) Image bytes; treat as read-only
 * @param textOffset {@code text_offset}
 * @param imageSize  {@code image_size} (at least the file size)
 * @param flags      {@code flags} (bit 0 big-endian, bits 1-2 page size, bit 3 placement)
 * @param gzipped    true if the file was a gzip-compressed Image
 */
public record Arm64Image(byte[] image, long textOffset, long imageSize, long flags, boolean gzipped)
        implements KernelImage {
    /** The alignment of the base the Image is placed {@code text_offset} above: 2 MiB. */
    public static final long BASE_ALIGN = 2L << 20;

    @Override
    public Arch arch() {
        return ArmArches.ARM64;
    }

    /** Planned as kexec-tools' arm64 Image loader does ({@link Arm64ImagePlanner}). */
    @Override
    public LoadPlan plan(LoadRequest req, MemoryLayout layout) throws PlanningException, ImageFormatException {
        return Arm64ImagePlanner.plan(this, req, layout);
    }

    /** The Image itself: a raw image (a gzip file was inflated when it was parsed). */
    @Override
    public UnpackedKernel unpack(long maxSize) {
        return new UnpackedKernel(image, false, gzipped ? "the inflated arm64 Image" : "the arm64 Image");
    }

    @Override
    public String formatName() {
        return gzipped ? "gzip-compressed arm64 Image" : "arm64 Image";
    }

    @Override
    public String toString() {
        return String.format("%s{text_offset 0x%x, image_size 0x%x, flags 0x%x, file 0x%x}", formatName(),
                textOffset, imageSize, flags, image.length);
    }
}
