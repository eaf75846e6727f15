package org.kexeclab.x86.boot;

import java.nio.ByteOrder;
import org.kexeclab.loader.format.FileBytes;
import org.kexeclab.loader.format.ImageFormatException;

/**
 * Reads and checks an x86 bzImage's setup header the way a kexec load needs it: boot flag
 * 0xAA55, "HdrS", protocol 2.12 or later, LOADED_HIGH, a relocatable kernel, xloadflags that
 * agree (only a kernel with the 64-bit entry, XLF_KERNEL_64, may be loaded above 4 GiB; one
 * without it is a 32-bit kernel), and length fields that agree with the file size.
 */
public final class BzImageParser {
    static final String FORMAT = "bzImage";
    /** "HdrS" read little-endian. */
    static final long HDRS = 0x53726448L;
    /** Oldest boot protocol with xloadflags and init_size (2.12). */
    static final int MIN_VERSION = 0x020c;
    /**
     * How far {@code syssize}, a count of 16-byte paragraphs rounded up, may reach past the
     * file's end: less than one paragraph. (The kernel's build pads the file to the whole
     * count, and a signed distribution kernel has its signature after it.)
     */
    static final long SYSSIZE_ROUNDING = 15;

    private BzImageParser() {
    }

    /** True if {@code file} carries the boot flag and "HdrS" of an x86 setup header. */
    public static boolean looksLikeBzImage(byte[] file) {
        return file.length >= 0x206 && (file[0x1fe] & 0xff) == 0x55 && (file[0x1ff] & 0xff) == 0xaa
                && (file[0x202] & 0xff) == 'H' && file[0x203] == 'd' && file[0x204] == 'r' && file[0x205] == 'S';
    }

    /** Parses {@code file}; every inconsistency is an {@link ImageFormatException} naming its offset. */
    public static BzImage parse(byte[] file) throws ImageFormatException {
        FileBytes f = new FileBytes(file, FORMAT, ByteOrder.LITTLE_ENDIAN);
        int sects = f.u8(0x1f1, "setup_sects");
        sects = sects == 0 ? 4 : sects;
        int bootFlag = f.u16(0x1fe, "boot_flag");
        if (bootFlag != 0xaa55) {
            throw f.error(0x1fe, String.format("boot_flag is 0x%04x, not 0xaa55, so this is not an x86 boot image", bootFlag));
        }
        f.u8(0x201, "the setup header length byte");
        if (f.u32(0x202, "header") != HDRS) {
            throw f.error(0x202, "the setup header magic \"HdrS\" is missing, so this is not a bzImage");
        }
        int version = f.u16(0x206, "version");
        if (version < MIN_VERSION) {
            throw f.error(0x206, String.format("boot protocol %d.%02d is older than 2.12, which a kexec load needs",
                    version >> 8, version & 0xff));
        }
        int setupSize = (sects + 1) * 512;
        checkLayout(f, sects, setupSize);
        int loadflags = f.u8(0x211, "loadflags");
        if ((loadflags & 1) == 0) {
            throw f.error(0x211, "loadflags lacks LOADED_HIGH, so this is an old zImage that loads at 0x10000, not a bzImage");
        }
        long initrdMax = f.u32(0x22c, "initrd_addr_max");
        long alignment = f.u32(0x230, "kernel_alignment");
        boolean relocatable = f.u8(0x234, "relocatable_kernel") != 0;
        int xloadflags = f.u16(0x236, "xloadflags");
        long cmdlineSize = f.u32(0x238, "cmdline_size");
        long prefAddress = f.u64(0x258, "pref_address");
        long initSize = f.u32(0x260, "init_size");
        checkKernelFields(f, alignment, relocatable, xloadflags, initSize, file.length - setupSize);
        return new BzImage(file, sects, version, loadflags, relocatable, alignment, xloadflags, prefAddress,
                initSize, initrdMax, cmdlineSize);
    }

    private static void checkLayout(FileBytes f, int sects, int setupSize) throws ImageFormatException {
        if (setupSize + BzImage.ENTRY64_OFFSET >= f.length()) {
            throw f.error(0x1f1, String.format("the file is truncated: setup_sects %d puts the protected-mode kernel "
                    + "at 0x%x, but the file ends at 0x%x, before its 64-bit entry", sects, setupSize, f.length()));
        }
        long syssize = f.u32(0x1f4, "syssize") * 16;
        long payload = f.length() - setupSize;
        if (syssize > payload + SYSSIZE_ROUNDING) {
            throw f.error(0x1f4, String.format("syssize says the protected-mode kernel is 0x%x bytes, but only 0x%x "
                    + "bytes follow the setup: the file is truncated", syssize, payload));
        }
    }

    private static void checkKernelFields(FileBytes f, long alignment, boolean relocatable, int xloadflags,
                                          long initSize, long payload) throws ImageFormatException {
        if (alignment == 0 || Long.bitCount(alignment) != 1) {
            throw f.error(0x230, String.format("kernel_alignment 0x%x is not a power of two", alignment));
        }
        if (!relocatable) {
            throw f.error(0x234, "relocatable_kernel is 0, and kexec-tools' bzImage loader needs a relocatable kernel");
        }
        if ((xloadflags & BzImage.XLF_KERNEL_64) == 0 && (xloadflags & BzImage.XLF_CAN_BE_LOADED_ABOVE_4G) != 0) {
            throw f.error(0x236, "xloadflags has XLF_CAN_BE_LOADED_ABOVE_4G without XLF_KERNEL_64, but a 32-bit kernel "
                    + "cannot run above 4 GiB");
        }
        if (initSize < payload) {
            throw f.error(0x260, String.format("init_size 0x%x is smaller than the 0x%x-byte protected-mode kernel it "
                    + "must contain", initSize, payload));
        }
    }
}
