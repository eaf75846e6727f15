package org.kexeclab.arm.boot;

import java.nio.ByteOrder;
import org.kexeclab.loader.format.FileBytes;
import org.kexeclab.loader.format.ImageFormatException;

/** Reads an arm {@code zImage} header: little-endian magic at 0x24, start/end inside the file. */
public final class ZImageParser {
    static final String FORMAT = "zImage";
    static final long MAGIC = 0x016f2818L;
    /** The second magic, announcing the extension tag table. */
    static final long MAGIC2 = 0x45454545L;
    /** The KRNL_SIZE extension tag id ("KLSZ" little-endian). */
    static final long TAG_KRNL_SIZE = 0x5a534c4bL;
    /**
     * The KRNL_SIZE word holding TEXT_OFFSET: the tag is {size in words, id, size_ptr, bss size,
     * TEXT_OFFSET, malloc size} since the kernel's decompressor table grew to six words.
     */
    static final int TEXT_OFFSET_WORD = 4;

    private ZImageParser() {
    }

    /** True if {@code file} has the zImage magic at 0x24 in either byte order. */
    public static boolean looksLikeZImage(byte[] file) {
        if (file.length < 0x28) {
            return false;
        }
        long le = (file[0x24] & 0xff) | (file[0x25] & 0xff) << 8 | (file[0x26] & 0xff) << 16 | (long) (file[0x27] & 0xff) << 24;
        long be = (file[0x27] & 0xff) | (file[0x26] & 0xff) << 8 | (file[0x25] & 0xff) << 16 | (long) (file[0x24] & 0xff) << 24;
        return le == MAGIC || be == MAGIC;
    }

    /** Parses {@code file}. */
    public static ZImage parse(byte[] file) throws ImageFormatException {
        FileBytes f = new FileBytes(file, FORMAT, ByteOrder.LITTLE_ENDIAN);
        long magic = f.u32(0x24, "magic");
        if (magic != MAGIC) {
            if (f.withOrder(ByteOrder.BIG_ENDIAN).u32(0x24, "magic") == MAGIC) {
                throw f.error(0x24, "the magic is stored big-endian, so this is a big-endian zImage, and the arm machine is little-endian");
            }
            throw f.error(0x24, String.format("the magic is 0x%08x, not 0x016f2818, so this is not a zImage", magic));
        }
        long start = f.u32(0x28, "start");
        long end = f.u32(0x2c, "end");
        if (end <= start) {
            throw f.error(0x2c, String.format("end 0x%x is not after start 0x%x", end, start));
        }
        if (end - start > file.length) {
            throw f.error(0x2c, String.format("start/end say the zImage is 0x%x bytes, but the file is only 0x%x "
                    + "bytes: it is truncated", end - start, file.length));
        }
        long[] krnlSize = kernelSizeTag(f, end - start);
        return new ZImage(file, start, end, krnlSize[0], krnlSize[1], krnlSize[2]);
    }

    /**
     * The KRNL_SIZE tag's {edata size, bss size, TEXT_OFFSET}, or -1 for what it does not hold
     * (everything without magic2 or the tag; TEXT_OFFSET in a tag shorter than five words).
     * The walk stops at a zero-sized tag or one reaching past the zImage, as kexec-tools'
     * {@code find_extension_tag()} does; {@code size_ptr} must point inside the zImage.
     */
    private static long[] kernelSizeTag(FileBytes f, long len) throws ImageFormatException {
        long[] none = {-1, -1, -1};
        if (len < 0x3c || f.u32(0x34, "magic2") != MAGIC2) {
            return none;
        }
        long offset = f.u32(0x38, "extension_tag_offset");
        for (int guard = 0; guard < 1024 && offset < len - 8; guard++) {
            long size = f.u32(offset, "an extension tag size") * 4;
            if (size == 0 || offset + size >= len) {
                return none;
            }
            if (f.u32(offset + 4, "an extension tag id") == TAG_KRNL_SIZE) {
                long sizePtr = f.u32(offset + 8, "KRNL_SIZE size_ptr");
                if (sizePtr > len - 4) {
                    throw f.error(offset + 8, String.format("the KRNL_SIZE tag's size_ptr 0x%x points outside the "
                            + "0x%x-byte zImage", sizePtr, len));
                }
                long textOffset = size >= TEXT_OFFSET_WORD * 4 + 4 ? f.u32(offset + TEXT_OFFSET_WORD * 4,
                        "KRNL_SIZE TEXT_OFFSET") : -1;
                return new long[] {f.u32(sizePtr, "the decompressed size"), f.u32(offset + 12, "KRNL_SIZE bss_size"),
                        textOffset};
            }
            offset += size;
        }
        return none;
    }
}
