package org.kexeclab.loader;

import org.kexeclab.Arch;

/**
 * A parsed 32-bit arm {@code zImage}: the self-decompressing kernel with magic 0x016f2818 at
 * 0x24, its link-time {@code start} (0x28) and {@code end} (0x2c) addresses; {@code end -
 * start} is the zImage proper, anything after it in the file (an appended DTB) is kept.
 *
 * @param file  the whole file; treat as read-only
 * @param start {@code start} as stored
 * @param end   {@code end} as stored
 */
public record ZImage(byte[] file, long start, long end) implements KernelImage {

    /** Bytes of the zImage proper: {@code end - start}. */
    public long size() {
        return end - start;
    }

    @Override
    public Arch arch() {
        return Arch.ARM;
    }

    @Override
    public String formatName() {
        return "zImage";
    }

    @Override
    public String toString() {
        return String.format("zImage{start 0x%x, end 0x%x, file 0x%x}", start, end, file.length);
    }
}
