package org.kexeclab.arm.boot;

import org.kexeclab.compress.Xz;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.format.UnpackedKernel;

/**
 * The compressed kernel inside an arm zImage. The zImage's header does not say where its
 * payload starts, so every xz stream magic inside the zImage proper is tried in file order
 * until one decompresses: the magic also occurs as data in the decompressor (Debian 6.1's
 * first hit is such a false one). The result is the raw {@code Image}.
 */
final class ZImagePayload {
    private ZImagePayload() {
    }

    static UnpackedKernel unpack(ZImage z, long maxSize) throws ImageFormatException {
        byte[] file = z.file();
        int limit = (int) Math.min(file.length, z.size());
        ImageFormatException last = null;
        for (int at = Xz.nextMagic(file, 0); at >= 0 && at < limit; at = Xz.nextMagic(file, at + 1)) {
            try {
                byte[] out = Xz.decompress(file, at, limit - at, maxSize, 0, "zImage payload");
                return new UnpackedKernel(out, false, String.format("the xz payload at 0x%x of the zImage", at));
            } catch (ImageFormatException e) {
                last = e;
            }
        }
        if (last != null) {
            throw new ImageFormatException(ZImageParser.FORMAT, last.offset(), "no xz stream in the zImage "
                    + "decompresses; the last one tried failed with: " + last.getMessage());
        }
        throw new ImageFormatException(ZImageParser.FORMAT, -1, "the zImage holds no xz stream; only xz-compressed "
                + "zImages are unpacked");
    }
}
