package org.kexeclab.arm64.boot;

import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.format.KernelFormat;
import org.kexeclab.loader.format.KernelImage;

/**
 * The arm64 {@code Image} as a {@link KernelFormat}: recognised by "ARM\x64" at 0x38, plain or
 * gzip-compressed (a distribution's {@code vmlinuz}).
 */
public final class Arm64ImageFormat implements KernelFormat {

    @Override
    public String name() {
        return Arm64ImageParser.FORMAT;
    }

    @Override
    public boolean recognises(byte[] file) {
        return Arm64ImageParser.looksLikeImage(file);
    }

    @Override
    public KernelImage parse(byte[] file) throws ImageFormatException {
        return Arm64ImageParser.parse(file, false);
    }

    @Override
    public boolean loadsGzipped() {
        return true;
    }

    @Override
    public KernelImage parseGzipped(byte[] decompressed) throws ImageFormatException {
        return Arm64ImageParser.parse(decompressed, true);
    }

    /** "ARM\x64". */
    @Override
    public int magicOffset() {
        return 0x38;
    }
}
