package org.kexeclab.x86.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.kexeclab.loader.format.Gzip;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.format.UnpackedKernel;
import org.kexeclab.testkit.SyntheticKernels;

/**
 * The bzImage's unpacking: a payload that is a tiny ELF vmlinux xz'd with the kernel's 4-byte
 * size trailer (and gzip'd), and the refusals for a lying trailer and an xz bomb.
 */
class BzImageUnpackTest {
    /** {@code EM_X86_64}. */
    private static final int EM_X86_64 = 62;
    private static final byte[] VMLINUX = SyntheticKernels.elf(true, true, EM_X86_64, 0xffffffff81000000L);

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
        byte[] file = bzImageWith(withTrailer(SyntheticKernels.xz(VMLINUX), VMLINUX.length));
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
        byte[] file = bzImageWith(withTrailer(SyntheticKernels.xz(VMLINUX), VMLINUX.length + 1));
        ImageFormatException e = assertThrows(ImageFormatException.class,
                () -> BzImageParser.parse(file).unpack(Gzip.DEFAULT_MAX_SIZE));
        assertTrue(e.getMessage().contains(String.format("decompresses to 0x%x bytes but its size trailer says 0x%x",
                VMLINUX.length, VMLINUX.length + 1)), e.getMessage());
    }

    @Test
    void unpack_bzImageXzBeyondTheCap_refusedAsABomb() throws Exception {
        byte[] file = bzImageWith(withTrailer(SyntheticKernels.xz(VMLINUX), VMLINUX.length));
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> BzImageParser.parse(file).unpack(0x1000));
        assertTrue(e.getMessage().contains("more than the 0x1000-byte limit"), e.getMessage());
    }
}
