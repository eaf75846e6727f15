package org.kexeclab.arm64.boot;

import java.nio.ByteOrder;
import org.kexeclab.loader.format.FileBytes;
import org.kexeclab.loader.format.ImageFormatException;

/**
 * Reads an arm64 {@code Image} header: magic "ARM\x64" at 0x38, a little-endian 4 KiB-page
 * kernel, a page-aligned {@code text_offset} below 2 MiB, and an {@code image_size} that
 * covers the file.
 */
public final class Arm64ImageParser {
    static final String FORMAT = "arm64 Image";
    /** "ARM\x64" read little-endian. */
    static final long MAGIC = 0x644d5241L;
    static final int HEADER_SIZE = 64;

    private Arm64ImageParser() {
    }

    /** True if {@code file} has the arm64 Image magic at 0x38. */
    public static boolean looksLikeImage(byte[] file) {
        return file.length >= 0x3c && file[0x38] == 'A' && file[0x39] == 'R' && file[0x3a] == 'M' && file[0x3b] == 0x64;
    }

    /** Parses an uncompressed Image; {@code gzipped} only records where it came from. */
    public static Arm64Image parse(byte[] file, boolean gzipped) throws ImageFormatException {
        FileBytes f = new FileBytes(file, gzipped ? "gzip-compressed " + FORMAT : FORMAT, ByteOrder.LITTLE_ENDIAN);
        f.checkRange(0, HEADER_SIZE, "the 64-byte Image header");
        if (f.u32(0x38, "magic") != MAGIC) {
            throw f.error(0x38, "the magic \"ARM\\x64\" is missing, so this is not an arm64 Image");
        }
        long textOffset = f.u64(0x08, "text_offset");
        long imageSize = f.u64(0x10, "image_size");
        long flags = f.u64(0x18, "flags");
        if ((flags & 1) != 0) {
            throw f.error(0x18, "flags bit 0 says this is a big-endian kernel, and the arm64 machine is little-endian");
        }
        int pageSize = (int) (flags >>> 1) & 3;
        if (pageSize > 1) {
            throw f.error(0x18, String.format("flags say the kernel uses %d KiB pages, but the machine uses 4 KiB pages",
                    pageSize == 2 ? 16 : 64));
        }
        if (imageSize == 0) {
            throw f.error(0x10, "image_size is 0 (a kernel older than 3.17), so the memory the kernel needs is unknown");
        }
        if (Long.compareUnsigned(imageSize, file.length) < 0) {
            throw f.error(0x10, String.format("image_size 0x%x is smaller than the 0x%x-byte file it must contain",
                    imageSize, file.length));
        }
        if (Long.compareUnsigned(textOffset, Arm64Image.BASE_ALIGN) >= 0 || (textOffset & 0xfff) != 0) {
            throw f.error(0x08, String.format("text_offset 0x%x is not a page-aligned offset below 2 MiB", textOffset));
        }
        return new Arm64Image(file, textOffset, imageSize, flags, gzipped);
    }
}
