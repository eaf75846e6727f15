package org.kexeclab.arm.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.kexeclab.loader.format.Gzip;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.format.UnpackedKernel;
import org.kexeclab.testkit.SyntheticKernels;

/**
 * The zImage's unpacking: a zImage whose first xz magic is a false hit, and the refusal for a
 * zImage without xz.
 */
class ZImageUnpackTest {

    @Test
    void unpack_zImageFalseXzMagicFirst_decompressesTheRealStream() throws Exception {
        byte[] raw = new byte[0x3000];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (i / 7);
        }
        byte[] stream = SyntheticKernels.xz(raw);
        byte[] f = SyntheticKernels.zImage(0x800 + stream.length + 16, 0x800 + stream.length + 16);
        byte[] magic = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 1, 2, 3, 4, 5, 6, 7, 8};
        System.arraycopy(magic, 0, f, 0x100, magic.length);
        System.arraycopy(stream, 0, f, 0x800, stream.length);
        UnpackedKernel u = ZImageParser.parse(f).unpack(Gzip.DEFAULT_MAX_SIZE);
        assertFalse(u.elf());
        assertArrayEquals(raw, u.bytes());
        assertEquals("the xz payload at 0x800 of the zImage", u.origin());
    }

    @Test
    void unpack_zImageWithoutXz_refusedWithOneSentence() throws Exception {
        ImageFormatException e = assertThrows(ImageFormatException.class,
                () -> ZImageParser.parse(SyntheticKernels.zImage()).unpack(Gzip.DEFAULT_MAX_SIZE));
        assertEquals("zImage: the zImage holds no xz stream; only xz-compressed zImages are unpacked", e.getMessage());
    }
}
