package org.kexeclab.x86.boot;

import java.nio.ByteOrder;
import java.util.Arrays;
import org.kexeclab.compress.Xz;
import org.kexeclab.loader.format.ElfParser;
import org.kexeclab.loader.format.FileBytes;
import org.kexeclab.loader.format.Gzip;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.format.UnpackedKernel;

/**
 * The compressed kernel inside a bzImage: the setup header's {@code payload_offset} (0x248,
 * from the start of the protected-mode code) and {@code payload_length} (0x24c) bound it;
 * it is xz followed by the 4-byte little-endian uncompressed size the kernel's build appends,
 * or gzip (whose own trailer carries that size). It decompresses to the ELF {@code vmlinux}.
 */
final class BzImagePayload {
    private static final String FORMAT = "bzImage payload";

    private BzImagePayload() {
    }

    static UnpackedKernel unpack(BzImage bz, long maxSize) throws ImageFormatException {
        FileBytes f = new FileBytes(bz.file(), BzImageParser.FORMAT, ByteOrder.LITTLE_ENDIAN);
        long offset = f.u32(0x248, "payload_offset");
        long length = f.u32(0x24c, "payload_length");
        long start = bz.setupSize() + offset;
        f.checkRange(start, length, "the payload named by payload_offset/payload_length");
        byte[] file = bz.file();
        int at = (int) start;
        byte[] out;
        String kind;
        if (Xz.isXz(file, at)) {
            if (length < 4) {
                throw f.error(0x24c, "payload_length is too short for an xz stream and its size trailer");
            }
            long trailer = f.u32(start + length - 4, "the payload's uncompressed-size trailer");
            out = Xz.decompress(file, at, (int) length - 4, maxSize, trailer, FORMAT);
            if (trailer != out.length) {
                throw f.error(start + length - 4, String.format("the xz payload decompresses to 0x%x bytes but its "
                        + "size trailer says 0x%x", out.length, trailer));
            }
            kind = "xz";
        } else if (length >= 2 && (file[at] & 0xff) == 0x1f && (file[at + 1] & 0xff) == 0x8b) {
            out = Gzip.inflate(Arrays.copyOfRange(file, at, at + (int) length), maxSize, FORMAT);
            kind = "gzip";
        } else {
            throw f.error(start, "the payload is neither xz nor gzip; only those two compressions are unpacked");
        }
        if (!ElfParser.isElf(out)) {
            throw f.error(start, "the decompressed payload is not an ELF vmlinux");
        }
        return new UnpackedKernel(out, true, String.format("the %s payload at 0x%x of the bzImage", kind, start));
    }
}
