package org.kexeclab.arm64.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kexeclab.loader.KernelFormats;
import org.kexeclab.loader.format.Gzip;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.testkit.SyntheticKernels;

class Arm64ImageParserTest {

    @Test
    void parse_wellFormed_readsHeader() throws Exception {
        Arm64Image img = Arm64ImageParser.parse(SyntheticKernels.arm64Image(), false);
        assertEquals(0, img.textOffset());
        assertEquals(0x30000, img.imageSize());
        assertEquals(0xa, img.flags());
        assertFalse(img.gzipped());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8, 0x10, 0x18, 0x38, 0x3f})
    void parse_truncatedHeader_fails(int length) {
        byte[] f = SyntheticKernels.truncated(SyntheticKernels.arm64Image(), length);
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> Arm64ImageParser.parse(f, false));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0x40, 0x41, 0x43})
    void parse_endsBeforeCode0sBranchTarget_failsAsTruncated(int length) {
        byte[] f = SyntheticKernels.truncated(SyntheticKernels.arm64Image(), length);
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> Arm64ImageParser.parse(f, false));
        assertEquals(String.format("arm64 Image: the file is truncated: code0 branches to the kernel's first "
                + "instruction at 0x40, but the file is only 0x%x bytes long (at offset 0x0)", length), e.getMessage());
    }

    @Test
    void parse_holdsCode0sBranchTarget_accepted() throws Exception {
        Arm64ImageParser.parse(SyntheticKernels.truncated(SyntheticKernels.arm64Image(), 0x44), false);
    }

    @Test
    void parse_efiImageWhole_accepted() throws Exception {
        assertEquals(0x10000, Arm64ImageParser.parse(SyntheticKernels.efiArm64Image(), false).image().length);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x1004, 0x8000, 0xffff})
    void parse_efiImageEndingInsideASection_failsNamingTheSectionsEnd(int length) {
        byte[] f = SyntheticKernels.truncated(SyntheticKernels.efiArm64Image(), length);
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> Arm64ImageParser.parse(f, false));
        assertTrue(e.getMessage().contains(String.format("the file is truncated: its PE section table says the "
                + "sections end at 0x10000, but the file is only 0x%x bytes long", length)), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0x40, 0x100, 0x1000})
    void parse_efiImageEndingInItsHeaders_failsAsTruncated(int length) {
        byte[] f = SyntheticKernels.truncated(SyntheticKernels.efiArm64Image(), length);
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> Arm64ImageParser.parse(f, false));
        assertTrue(e.getMessage().contains("the file is truncated"), e.getMessage());
    }

    @Test
    void parseAny_gzipOfATruncatedImage_failsAfterDecompression() {
        byte[] cut = SyntheticKernels.truncated(SyntheticKernels.efiArm64Image(), 0x9000);
        ImageFormatException e = assertThrows(ImageFormatException.class,
                () -> KernelFormats.parseAny(SyntheticKernels.gzip(cut), Gzip.DEFAULT_MAX_SIZE));
        assertTrue(e.getMessage().startsWith("gzip-compressed arm64 Image: the file is truncated"), e.getMessage());
    }

    @Test
    void parse_badMagic_failsAt0x38() {
        byte[] f = SyntheticKernels.arm64Image();
        f[0x3b] = 0x65;
        assertEquals(0x38, assertThrows(ImageFormatException.class, () -> Arm64ImageParser.parse(f, false)).offset());
    }

    @Test
    void parse_bigEndianKernel_failsAtFlags() {
        byte[] f = SyntheticKernels.arm64Image(0x1000, 0, 0x2000, 1);
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> Arm64ImageParser.parse(f, false));
        assertEquals(0x18, e.offset());
        assertTrue(e.getMessage().contains("big-endian"));
    }

    @Test
    void parse_64kPages_failsAtFlags() {
        byte[] f = SyntheticKernels.arm64Image(0x1000, 0, 0x2000, 3 << 1);
        assertTrue(assertThrows(ImageFormatException.class, () -> Arm64ImageParser.parse(f, false))
                .getMessage().contains("64 KiB"));
    }

    @Test
    void parse_imageSizeZero_failsAtImageSize() {
        byte[] f = SyntheticKernels.arm64Image(0x1000, 0x80000, 0, 0);
        assertEquals(0x10, assertThrows(ImageFormatException.class, () -> Arm64ImageParser.parse(f, false)).offset());
    }

    @Test
    void parse_imageSizeSmallerThanFile_failsAtImageSize() {
        byte[] f = SyntheticKernels.arm64Image(0x3000, 0, 0x2000, 0);
        assertEquals(0x10, assertThrows(ImageFormatException.class, () -> Arm64ImageParser.parse(f, false)).offset());
    }

    @ParameterizedTest
    @ValueSource(longs = {0x80001, 0x200000, -0x1000})
    void parse_badTextOffset_failsAtTextOffset(long textOffset) {
        byte[] f = SyntheticKernels.arm64Image(0x1000, textOffset, 0x2000, 0);
        assertEquals(0x08, assertThrows(ImageFormatException.class, () -> Arm64ImageParser.parse(f, false)).offset());
    }

    @Test
    void parseAny_gzippedImage_decompressesAndParses() throws Exception {
        byte[] raw = SyntheticKernels.arm64Image();
        Arm64Image img = (Arm64Image) KernelFormats.parseAny(SyntheticKernels.gzip(raw), Gzip.DEFAULT_MAX_SIZE);
        assertTrue(img.gzipped());
        assertArrayEquals(raw, img.image());
    }

    @Test
    void inflate_bombLargerThanCap_failsInsteadOfExhaustingMemory() {
        byte[] bomb = SyntheticKernels.gzip(new byte[4 << 20]);
        ImageFormatException e = assertThrows(ImageFormatException.class,
                () -> Gzip.inflate(bomb, 1 << 20, "kernel"));
        assertTrue(e.getMessage().contains("gzip bomb"), e.getMessage());
    }

    @Test
    void inflate_truncatedStream_failsAsTruncated() {
        byte[] z = SyntheticKernels.gzip(SyntheticKernels.arm64Image());
        byte[] cut = SyntheticKernels.truncated(z, z.length / 2);
        assertTrue(assertThrows(ImageFormatException.class, () -> Gzip.inflate(cut, 1 << 20, "kernel"))
                .getMessage().contains("truncated"));
    }

    @Test
    void inflate_corruptStream_failsAsCorrupt() {
        byte[] z = SyntheticKernels.gzip(SyntheticKernels.arm64Image());
        z[2] = 7; // compression method other than deflate
        assertThrows(ImageFormatException.class, () -> Gzip.inflate(z, 1 << 20, "kernel"));
        byte[] y = SyntheticKernels.gzip(SyntheticKernels.arm64Image());
        y[y.length - 8] ^= 0x55; // the CRC-32 in the trailer
        assertThrows(ImageFormatException.class, () -> Gzip.inflate(y, 1 << 20, "kernel"));
    }

    @Test
    void parseAny_gzipOfSomethingElse_fails() {
        byte[] z = SyntheticKernels.gzip(new byte[100]);
        assertThrows(ImageFormatException.class, () -> KernelFormats.parseAny(z, 1 << 20));
    }
}
