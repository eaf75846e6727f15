package org.kexeclab.arm64.boot;

import java.nio.ByteOrder;
import org.kexeclab.loader.format.FileBytes;
import org.kexeclab.loader.format.ImageFormatException;

/**
 * Reads an arm64 {@code Image} header: magic "ARM\x64" at 0x38, a little-endian 4 KiB-page
 * kernel, a page-aligned {@code text_offset} below 2 MiB, and an {@code image_size} that
 * covers the file.
 *
 * <p>{@code image_size} counts the BSS, so it says nothing about the file's length; two other
 * parts of the header do, and a file shorter than either claims is truncated: the branch in
 * {@code code0} (or in {@code code1}, behind an EFI kernel's "MZ") must land on an
 * instruction inside the file, and an EFI kernel's PE/COFF section table (at the offset in
 * {@code res5}) must find every section's raw data in the file.
 */
public final class Arm64ImageParser {
    static final String FORMAT = "arm64 Image";
    /** "ARM\x64" read little-endian. */
    static final long MAGIC = 0x644d5241L;
    static final int HEADER_SIZE = 64;
    /** The A64 unconditional branch {@code B imm26}: bits 31-26 are 000101. */
    private static final int B_MASK = 0xfc000000;
    private static final int B_OPCODE = 0x14000000;
    /** "PE\0\0" read little-endian. */
    private static final long PE_MAGIC = 0x00004550L;
    private static final int PE_SECTION_SIZE = 40;

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
        checkPeSections(f);
        checkEntryBranch(f);
        return new Arm64Image(file, textOffset, imageSize, flags, gzipped);
    }

    /**
     * An EFI kernel ("MZ" at 0, "PE\0\0" at the offset in {@code res5}): the file must hold
     * every section's raw data ({@code PointerToRawData + SizeOfRawData}).
     */
    private static void checkPeSections(FileBytes f) throws ImageFormatException {
        if (f.u16(0, "code0") != 0x5a4d) {
            return;
        }
        long pe = f.u32(0x3c, "res5 (the PE header offset)");
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

    /**
     * The branch to the kernel's first instruction, in {@code code0} (or in {@code code1}
     * when {@code code0} is EFI's "MZ" instruction), must land inside the file.
     */
    private static void checkEntryBranch(FileBytes f) throws ImageFormatException {
        for (int at = 0; at <= 4; at += 4) {
            int insn = (int) f.u32(at, at == 0 ? "code0" : "code1");
            if ((insn & B_MASK) == B_OPCODE) {
                long target = at + ((long) (insn << 6) >> 4);
                if (target < 0 || target + 4 > f.length()) {
                    throw f.error(at, String.format("the file is truncated: %s branches to the kernel's first "
                            + "instruction at 0x%x, but the file is only 0x%x bytes long", at == 0 ? "code0" : "code1",
                            target, f.length()));
                }
                return;
            }
        }
    }
}
