package org.kexeclab.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Each format's unpacking: a bzImage whose payload is a tiny ELF vmlinux xz'd with the
 * kernel's 4-byte size trailer (and gzip'd), a zImage whose first xz magic is a false hit,
 * and the refusals for a lying trailer and a zImage without xz.
 */
class KernelUnpackTest {
    private static final byte[] VMLINUX = SyntheticKernels.elf(true, true, ElfParser.EM_X86_64, 0xffffffff81000000L);

    static byte[] xz(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XZOutputStream z = new XZOutputStream(out, new LZMA2Options())) {
            z.write(data);
        }
        return out.toByteArray();
    }

    /** A bzImage whose payload (at payload_offset 0x40) is {@code payload}. */
    static byte[] bzImageWith(byte[] payload) {
        int sects = SyntheticKernels.BZ_SETUP_SECTS;
        int setup = (sects + 1) * 512;
        int size = Math.max(0x1000, (0x40 + payload.length + 0x1ff) & ~0x1ff);
        byte[] f = SyntheticKernels.bzImage(sects, size, 0x100000);
        ByteBuffer b = SyntheticKernels.le(f);
        b.putInt(0x248, 0x40).putInt(0x24c, payload.length);
        System.arraycopy(payload, 0, f, setup + 0x40, payload.length);
        return f;
    }

    private static byte[] withTrailer(byte[] xz, long size) {
        byte[] p = java.util.Arrays.copyOf(xz, xz.length + 4);
        SyntheticKernels.le(p).putInt(xz.length, (int) size);
        return p;
    }

    @Test
    void unpack_bzImageXzPayloadWithSizeTrailer_theElfVmlinux() throws Exception {
        byte[] file = bzImageWith(withTrailer(xz(VMLINUX), VMLINUX.length));
        UnpackedKernel u = BzImageParser.parse(file).unpack(Gzip.DEFAULT_MAX_SIZE);
        assertTrue(u.elf());
        assertArrayEquals(VMLINUX, u.bytes());
        assertEquals("the xz payload at 0x840 of the bzImage", u.origin());
    }

    @Test
    void unpack_bzImageGzipPayload_theElfVmlinux() throws Exception {
        UnpackedKernel u = BzImageParser.parse(bzImageWith(SyntheticKernels.gzip(VMLINUX))).unpack(1 << 20);
        assertArrayEquals(VMLINUX, u.bytes());
    }

    @Test
    void unpack_bzImageTrailerDisagrees_refusedWithBothSizes() throws Exception {
        byte[] file = bzImageWith(withTrailer(xz(VMLINUX), VMLINUX.length + 1));
        ImageFormatException e = assertThrows(ImageFormatException.class,
                () -> BzImageParser.parse(file).unpack(Gzip.DEFAULT_MAX_SIZE));
        assertTrue(e.getMessage().contains(String.format("decompresses to 0x%x bytes but its size trailer says 0x%x",
                VMLINUX.length, VMLINUX.length + 1)), e.getMessage());
    }

    @Test
    void unpack_bzImageXzBeyondTheCap_refusedAsABomb() throws Exception {
        byte[] file = bzImageWith(withTrailer(xz(VMLINUX), VMLINUX.length));
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> BzImageParser.parse(file).unpack(0x1000));
        assertTrue(e.getMessage().contains("more than the 0x1000-byte limit"), e.getMessage());
    }

    @Test
    void unpack_zImageFalseXzMagicFirst_decompressesTheRealStream() throws Exception {
        byte[] raw = new byte[0x3000];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (i / 7);
        }
        byte[] stream = xz(raw);
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
