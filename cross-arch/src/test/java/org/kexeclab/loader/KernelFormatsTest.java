package org.kexeclab.loader;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.arm.boot.ZImage;
import org.kexeclab.arm64.boot.Arm64Image;
import org.kexeclab.loader.format.ElfKernel;
import org.kexeclab.loader.format.Gzip;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.testkit.SyntheticKernels;
import org.kexeclab.x86.X86Arches;
import org.kexeclab.x86.boot.BzImage;

class KernelFormatsTest {
    private static final long CAP = Gzip.DEFAULT_MAX_SIZE;

    @Test
    void parse_eachFormatForItsArch_recognisesIt() throws Exception {
        assertInstanceOf(BzImage.class, KernelFormats.parse(SyntheticKernels.bzImage(), X86Arches.X86_64, CAP));
        assertInstanceOf(Arm64Image.class, KernelFormats.parse(SyntheticKernels.arm64Image(), ArmArches.ARM64, CAP));
        assertInstanceOf(ZImage.class, KernelFormats.parse(SyntheticKernels.zImage(), ArmArches.ARM, CAP));
        assertInstanceOf(ElfKernel.class, KernelFormats.parse(
                SyntheticKernels.elf(true, true, 21, 0xc000000000000000L), PpcArches.PPC64LE, CAP));
    }

    @Test
    void parse_arm64ImageForX86_failsNamingBothArches() {
        ImageFormatException e = assertThrows(ImageFormatException.class,
                () -> KernelFormats.parse(SyntheticKernels.arm64Image(), X86Arches.X86_64, CAP));
        assertTrue(e.getMessage().contains("for arm64, not for x86_64"), e.getMessage());
    }

    @Test
    void parse_bzImageForArm64_suggestsAnArm64KernelWithTheRightArticle() {
        ImageFormatException e = assertThrows(ImageFormatException.class,
                () -> KernelFormats.parse(SyntheticKernels.bzImage(), ArmArches.ARM64, CAP));
        assertTrue(e.getMessage().endsWith("pass --arch x86_64 or an arm64 kernel"), e.getMessage());
    }

    @Test
    void parse_ppc64BigEndianElfForPpc64le_fails() {
        assertThrows(ImageFormatException.class, () -> KernelFormats.parse(
                SyntheticKernels.elf(true, false, 21, 0xc000000000000000L), PpcArches.PPC64LE, CAP));
    }

    @Test
    void parse_bzImageForArm_fails() {
        assertThrows(ImageFormatException.class, () -> KernelFormats.parse(SyntheticKernels.bzImage(), ArmArches.ARM, CAP));
    }

    @Test
    void parse_unknownBytes_failsNamingTheFormats() {
        ImageFormatException e = assertThrows(ImageFormatException.class,
                () -> KernelFormats.parse(new byte[4096], ArmArches.ARM64, CAP));
        assertTrue(e.getMessage().contains("bzImage, arm64 Image"), e.getMessage());
    }

    @Test
    void parse_efiZboot_failsWithAdvice() {
        byte[] f = new byte[256];
        f[0] = 'M';
        f[1] = 'Z';
        f[4] = 'z';
        f[5] = 'i';
        f[6] = 'm';
        f[7] = 'g';
        assertTrue(assertThrows(ImageFormatException.class, () -> KernelFormats.parse(f, ArmArches.ARM64, CAP))
                .getMessage().contains("zboot"));
    }
}
