package org.kexeclab.loader;

import org.kexeclab.Arch;

/**
 * A parsed kernel file: an x86 {@link BzImage}, an {@link Arm64Image}, an arm {@link ZImage}
 * or an {@link ElfKernel} ({@code vmlinux}). Obtain one with {@link KernelFormats#parse}.
 */
public sealed interface KernelImage permits BzImage, Arm64Image, ZImage, ElfKernel {

    /** The architecture the kernel is built for. */
    Arch arch();

    /** The format's usual name ("bzImage", "arm64 Image", "zImage", "ELF vmlinux"). */
    String formatName();

    /**
     * The kernel with its compression undone: the ELF {@code vmlinux} or the raw image inside
     * the file (a format's own knowledge of where its payload is and how it is compressed).
     *
     * @param maxSize the cap on the decompressed size
     * @throws ImageFormatException if the payload cannot be found or decompressed
     */
    UnpackedKernel unpack(long maxSize) throws ImageFormatException;
}
