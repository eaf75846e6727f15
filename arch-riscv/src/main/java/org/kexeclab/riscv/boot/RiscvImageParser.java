package org.kexeclab.riscv.boot;

import java.nio.ByteOrder;
import org.kexeclab.loader.format.FileBytes;
import org.kexeclab.loader.format.ImageFormatException;

/**
 * Reads a RISC-V {@code Image} header with kexec-tools' checks (its {@code image-riscv} loader):
 * magic2 "RSC\x05" at 0x38 and a header version of at least 0.2 (which has {@code image_size}),
 * a nonzero {@code image_size}, a little-endian kernel; and the lab's checks that the file fits
 * in {@code image_size} and that {@code text_offset}, used as the load alignment, is a power of
 * two of at least a page; an EFI kernel's PE section table must find every section in the
 * file (a truncated file is refused).
 */
public final class RiscvImageParser {
    static final String FORMAT = "RISC-V Image";
    /** "RSC\x05" read little-endian. */
    static final long MAGIC2 = 0x05435352L;
    /** "RISCV\0\0\0" read little-endian (deprecated since header version 0.2, still written). */
    static final long MAGIC = 0x5643534952L;
    /** Header version 0.2: the first with {@code image_size}. */
    static final long VERSION_0_2 = 2;
    static final int HEADER_SIZE = 64;
    /** "PE\0\0" read little-endian. */
    private static final long PE_MAGIC = 0x00004550L;
    private static final int PE_SECTION_SIZE = 40;

    private RiscvImageParser() {
    }

    /** True if {@code file} has the RISC-V Image magic "RSC\x05" at 0x38. */
    public static boolean looksLikeImage(byte[] file) {
        return file.length >= 0x3c && file[0x38] == 'R' && file[0x39] == 'S' && file[0x3a] == 'C' && file[0x3b] == 5;
    }

    /** Parses an Image. */
    public static RiscvImage parse(byte[] file) throws ImageFormatException {
        FileBytes f = new FileBytes(file, FORMAT, ByteOrder.LITTLE_ENDIAN);
        f.checkRange(0, HEADER_SIZE, "the 64-byte Image header");
        if (f.u32(0x38, "magic2") != MAGIC2) {
            throw f.error(0x38, "the magic \"RSC\\x05\" is missing, so this is not a RISC-V Image");
        }
        long version = f.u32(0x20, "version");
        if (version < VERSION_0_2) {
            throw f.error(0x20, String.format("header version %d.%d is older than 0.2, the first that gives "
                    + "image_size", version >>> 16, version & 0xffff));
        }
        long textOffset = f.u64(0x08, "text_offset");
        long imageSize = f.u64(0x10, "image_size");
        long flags = f.u64(0x18, "flags");
        if (imageSize == 0) {
            throw f.error(0x10, "image_size is 0, so the memory the kernel needs is unknown");
        }
        if ((flags & 1) != 0) {
            throw f.error(0x18, "flags bit 0 says this is a big-endian kernel, and the riscv64 machine is "
                    + "little-endian");
        }
        if (Long.compareUnsigned(imageSize, file.length) < 0) {
            throw f.error(0x10, String.format("image_size 0x%x is smaller than the 0x%x-byte file it must contain",
                    imageSize, file.length));
        }
        if (textOffset < 0x1000 || Long.bitCount(textOffset) != 1 || textOffset > 1L << 30) {
            throw f.error(0x08, String.format("text_offset 0x%x is not a power of two from 4 KiB to 1 GiB, so it "
                    + "cannot be the kernel's load alignment", textOffset));
        }
        checkPeSections(f);
        return new RiscvImage(file, textOffset, imageSize, flags, version);
    }

    /**
     * An EFI kernel ("MZ" at 0, "PE\0\0" at the offset in {@code res4}, 0x3c): the file must
     * hold every section's raw data ({@code PointerToRawData + SizeOfRawData}), else it is
     * truncated ({@code image_size} counts the BSS, so it cannot tell).
     */
    private static void checkPeSections(FileBytes f) throws ImageFormatException {
        if (f.u16(0, "code0") != 0x5a4d) {
            return;
        }
        long pe = f.u32(0x3c, "res4 (the PE header offset)");
        if (pe < HEADER_SIZE || f.u32(pe, "the PE header") != PE_MAGIC) {
            return;
        }
        int sections = f.u16(pe + 6, "the PE header's NumberOfSections");
        long table = pe + 24 + f.u16(pe + 20, "the PE header's SizeOfOptionalHeader");
        f.checkRange(table, (long) sections * PE_SECTION_SIZE, "the PE section table at 0x" + Long.toHexString(table));
        long end = 0;
        for (int i = 0; i < sections; i++) {
            long at = table + (long) i * PE_SECTION_SIZE;
            end = Math.max(end, f.u32(at + 20, "PointerToRawData") + f.u32(at + 16, "SizeOfRawData"));
        }
        if (end > f.length()) {
            throw f.error(table, String.format("the file is truncated: its PE section table says the sections end at "
                    + "0x%x, but the file is only 0x%x bytes long", end, f.length()));
        }
    }
}
