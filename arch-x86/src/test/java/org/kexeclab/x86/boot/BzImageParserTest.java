package org.kexeclab.x86.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.testkit.SyntheticKernels;

class BzImageParserTest {

    @Test
    void parse_wellFormed_readsEveryHeaderField() throws Exception {
        BzImage bz = BzImageParser.parse(SyntheticKernels.bzImage());
        assertEquals(3, bz.setupSects());
        assertEquals(0x020f, bz.version());
        assertEquals(1, bz.loadflags());
        assertTrue(bz.relocatable());
        assertEquals(0x200000, bz.kernelAlignment());
        assertEquals(3, bz.xloadflags());
        assertEquals(0x1000000, bz.prefAddress());
        assertEquals(0x20000, bz.initSize());
        assertEquals(0x7fffffff, bz.initrdAddrMax());
        assertEquals(2047, bz.cmdlineSize());
        assertEquals(0x800, bz.setupSize());
        assertEquals(0x3000, bz.payloadSize());
        assertEquals(0x26c - 0x1f1, bz.setupHeader().length);
        assertEquals(1, bz.payload()[0]);
    }

    @Test
    void parse_setupSectsZero_meansFour() throws Exception {
        byte[] f = java.util.Arrays.copyOf(SyntheticKernels.bzImage(), 5 * 512 + SyntheticKernels.BZ_PAYLOAD);
        f[0x1f1] = 0;
        assertEquals(4, BzImageParser.parse(f).setupSects());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 0x100, 0x1f1, 0x1f4, 0x1fe, 0x200, 0x201, 0x202, 0x204, 0x206, 0x211,
            0x22c, 0x230, 0x234, 0x236, 0x238, 0x258, 0x260, 0x7ff, 0x800, 0x9ff})
    void parse_truncatedAtHeaderField_failsNamingAnOffset(int length) {
        byte[] f = SyntheticKernels.truncated(SyntheticKernels.bzImage(), length);
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> BzImageParser.parse(f));
        assertTrue(e.getMessage().startsWith("bzImage: "), e.getMessage());
        assertTrue(e.getMessage().contains("0x"), e.getMessage());
        assertTrue(e.offset() >= 0);
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 0x100, 0x1000, 0x2000})
    void parse_payloadShorterThanSyssizeSays_failsAsTruncated(int missing) {
        byte[] whole = SyntheticKernels.bzImage();
        byte[] f = SyntheticKernels.truncated(whole, whole.length - missing);
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> BzImageParser.parse(f));
        assertEquals(0x1f4, e.offset(), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    private static ImageFormatException corrupt(Consumer<ByteBuffer> edit) {
        byte[] f = SyntheticKernels.bzImage();
        edit.accept(SyntheticKernels.le(f));
        return assertThrows(ImageFormatException.class, () -> BzImageParser.parse(f));
    }

    @Test
    void parse_badBootFlag_failsAt0x1fe() {
        ImageFormatException e = corrupt(b -> b.putShort(0x1fe, (short) 0x1234));
        assertEquals(0x1fe, e.offset());
        assertTrue(e.getMessage().contains("0x1234"));
    }

    @Test
    void parse_missingHdrS_failsAt0x202() {
        assertEquals(0x202, corrupt(b -> b.put(0x205, (byte) 'X')).offset());
    }

    @Test
    void parse_protocolOlderThan212_failsAtVersion() {
        ImageFormatException e = corrupt(b -> b.putShort(0x206, (short) 0x020a));
        assertEquals(0x206, e.offset());
        assertTrue(e.getMessage().contains("2.10"), e.getMessage());
    }

    @Test
    void parse_noLoadedHigh_failsAtLoadflags() {
        assertEquals(0x211, corrupt(b -> b.put(0x211, (byte) 0)).offset());
    }

    @Test
    void parse_alignmentNotPowerOfTwo_failsAtKernelAlignment() {
        assertEquals(0x230, corrupt(b -> b.putInt(0x230, 0x300000)).offset());
        assertEquals(0x230, corrupt(b -> b.putInt(0x230, 0)).offset());
    }

    @Test
    void parse_notRelocatable_failsAtRelocatableKernel() {
        assertEquals(0x234, corrupt(b -> b.put(0x234, (byte) 0)).offset());
    }

    @Test
    void parse_no64BitEntry_failsAtXloadflags() {
        ImageFormatException e = corrupt(b -> b.putShort(0x236, (short) 2));
        assertEquals(0x236, e.offset());
        assertTrue(e.getMessage().contains("XLF_KERNEL_64"));
    }

    @Test
    void parse_initSizeSmallerThanPayload_failsAtInitSize() {
        assertEquals(0x260, corrupt(b -> b.putInt(0x260, 0x1000)).offset());
    }

    @Test
    void parse_syssizeClaimsMoreThanFile_failsAtSyssize() {
        assertEquals(0x1f4, corrupt(b -> b.putInt(0x1f4, 0x10000000)).offset());
    }

    @Test
    void parse_setupSectsBeyondFile_failsAtSetupSects() {
        ImageFormatException e = corrupt(b -> b.put(0x1f1, (byte) 0xff));
        assertEquals(0x1f1, e.offset());
    }

    @Test
    void setupHeader_isCappedAt0x7fBytes() throws Exception {
        byte[] f = SyntheticKernels.bzImage();
        f[0x201] = (byte) 0xf0;
        BzImage bz = BzImageParser.parse(f);
        assertEquals(0x7f, bz.setupHeader().length);
        assertArrayEquals(java.util.Arrays.copyOfRange(f, 0x1f1, 0x270), bz.setupHeader());
    }
}
