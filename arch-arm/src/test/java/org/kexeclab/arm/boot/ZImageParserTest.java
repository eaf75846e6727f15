package org.kexeclab.arm.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.testkit.SyntheticKernels;

class ZImageParserTest {

    @Test
    void parse_wellFormed_readsStartAndEnd() throws Exception {
        ZImage z = ZImageParser.parse(SyntheticKernels.zImage());
        assertEquals(0, z.start());
        assertEquals(0x8000, z.end());
        assertEquals(0x8000, z.size());
    }

    @Test
    void parse_krnlSizeTag_readsEdataAndBss() throws Exception {
        ZImage z = ZImageParser.parse(SyntheticKernels.zImageWithSizeTag(0x600000, 0x80000));
        assertEquals(0x600000, z.edataSize());
        assertEquals(0x80000, z.bssSize());
        assertEquals(-1, ZImageParser.parse(SyntheticKernels.zImage()).edataSize());
    }

    @Test
    void parse_sixWordKrnlSizeTag_readsTextOffset() throws Exception {
        ZImage z = ZImageParser.parse(SyntheticKernels.zImageWithSizeTag(0x600000, 0x80000, 0x208000));
        assertEquals(0x208000, z.textOffset());
        assertEquals(0x80000, z.bssSize());
        assertEquals(-1, ZImageParser.parse(SyntheticKernels.zImageWithSizeTag(0x600000, 0x80000)).textOffset(),
                "a four-word tag says no TEXT_OFFSET");
    }

    @Test
    void parse_krnlSizeTagPointingOutside_failsAtSizePtr() {
        byte[] f = SyntheticKernels.zImageWithSizeTag(1, 1);
        SyntheticKernels.le(f).putInt(0x48, 0x8000);
        assertEquals(0x48, assertThrows(ImageFormatException.class, () -> ZImageParser.parse(f)).offset());
    }

    @Test
    void parse_zeroSizedOrRunawayTag_isIgnored() throws Exception {
        byte[] f = SyntheticKernels.zImageWithSizeTag(1, 1);
        SyntheticKernels.le(f).putInt(0x40, 0);
        assertEquals(-1, ZImageParser.parse(f).edataSize());
        SyntheticKernels.le(f).putInt(0x40, 0x40000000);
        assertEquals(-1, ZImageParser.parse(f).edataSize());
    }

    @Test
    void parse_appendedDtb_keepsWholeFile() throws Exception {
        ZImage z = ZImageParser.parse(SyntheticKernels.zImage(0x9000, 0x8000));
        assertEquals(0x9000, z.file().length);
        assertEquals(0x8000, z.size());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 0x24, 0x27, 0x28, 0x2c, 0x2f})
    void parse_truncatedHeader_fails(int length) {
        byte[] f = SyntheticKernels.truncated(SyntheticKernels.zImage(), length);
        assertThrows(ImageFormatException.class, () -> ZImageParser.parse(f));
    }

    @Test
    void parse_badMagic_failsAt0x24() {
        byte[] f = SyntheticKernels.zImage();
        f[0x24] = 0;
        assertEquals(0x24, assertThrows(ImageFormatException.class, () -> ZImageParser.parse(f)).offset());
    }

    @Test
    void parse_bigEndianMagic_failsAsBigEndian() {
        byte[] f = SyntheticKernels.zImage();
        SyntheticKernels.le(f).order(java.nio.ByteOrder.BIG_ENDIAN).putInt(0x24, 0x016f2818);
        assertTrue(assertThrows(ImageFormatException.class, () -> ZImageParser.parse(f))
                .getMessage().contains("big-endian"));
    }

    @Test
    void parse_endNotAfterStart_failsAtEnd() {
        byte[] f = SyntheticKernels.zImage();
        SyntheticKernels.le(f).putInt(0x28, 0x9000);
        assertEquals(0x2c, assertThrows(ImageFormatException.class, () -> ZImageParser.parse(f)).offset());
    }

    @Test
    void parse_endBeyondFile_failsAsTruncated() {
        byte[] f = SyntheticKernels.zImage(0x8000, 0x10000);
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> ZImageParser.parse(f));
        assertEquals(0x2c, e.offset());
        assertTrue(e.getMessage().contains("truncated"));
    }
}
