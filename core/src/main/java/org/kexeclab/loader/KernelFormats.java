package org.kexeclab.loader;

import org.kexeclab.Arch;

/**
 * Recognises a kernel file's format from its magic numbers, parses it, and checks that it is
 * for the architecture being loaded; a gzip file is decompressed (with a size cap) first.
 */
public final class KernelFormats {
    private KernelFormats() {
    }

    /**
     * Parses {@code file} as a kernel for {@code arch}.
     *
     * @param maxDecompressed the cap on a gzip file's decompressed size
     * @throws ImageFormatException if the file is no known kernel format, is malformed, or is for another arch
     */
    public static KernelImage parse(byte[] file, Arch arch, long maxDecompressed) throws ImageFormatException {
        KernelImage k = parseAny(file, maxDecompressed);
        if (k.arch() != arch) {
            throw new ImageFormatException(k.formatName(), -1, String.format(
                    "this is a kernel for %s, not for %s: pass --arch %s or %s kernel", k.arch(), arch, k.arch(),
                    arch.withArticle()));
        }
        return k;
    }

    /** Parses {@code file} as whichever kernel format its magic numbers say. */
    public static KernelImage parseAny(byte[] file, long maxDecompressed) throws ImageFormatException {
        if (Gzip.isGzip(file)) {
            byte[] inner = Gzip.inflate(file, maxDecompressed, "gzip-compressed kernel");
            if (!Arm64ImageParser.looksLikeImage(inner)) {
                throw new ImageFormatException("gzip-compressed kernel", 0x38,
                        "the decompressed file has no arm64 Image magic; only gzip-compressed arm64 Images are loaded");
            }
            return Arm64ImageParser.parse(inner, true);
        }
        if (ElfParser.isElf(file)) {
            return ElfParser.parse(file);
        }
        if (BzImageParser.looksLikeBzImage(file)) {
            return BzImageParser.parse(file);
        }
        if (Arm64ImageParser.looksLikeImage(file)) {
            return Arm64ImageParser.parse(file, false);
        }
        if (ZImageParser.looksLikeZImage(file)) {
            return ZImageParser.parse(file);
        }
        if (file.length >= 8 && file[0] == 'M' && file[1] == 'Z' && file[4] == 'z' && file[5] == 'i'
                && file[6] == 'm' && file[7] == 'g') {
            throw new ImageFormatException("EFI zboot image", 4, "this is an EFI zboot kernel; extract the "
                    + "compressed Image from its payload first");
        }
        throw new ImageFormatException("kernel", -1, String.format("the 0x%x-byte file is not a bzImage, arm64 Image "
                + "(plain or gzip), zImage or ELF vmlinux: no known magic number found", file.length));
    }
}
