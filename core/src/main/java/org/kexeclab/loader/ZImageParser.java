package org.kexeclab.loader;

import java.nio.ByteOrder;

/** Reads an arm {@code zImage} header: little-endian magic at 0x24, start/end inside the file. */
public final class ZImageParser {
    static final String FORMAT = "zImage";
    static final long MAGIC = 0x016f2818L;

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
        return new ZImage(file, start, end);
    }
}
