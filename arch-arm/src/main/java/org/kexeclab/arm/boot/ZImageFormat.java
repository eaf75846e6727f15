package org.kexeclab.arm.boot;

import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.format.KernelFormat;
import org.kexeclab.loader.format.KernelImage;

/** The 32-bit arm {@code zImage} as a {@link KernelFormat}: recognised by its magic at 0x24 (either byte order). */
public final class ZImageFormat implements KernelFormat {

    @Override
    public String name() {
        return ZImageParser.FORMAT;
    }

    @Override
    public boolean recognises(byte[] file) {
        return ZImageParser.looksLikeZImage(file);
    }

    @Override
    public KernelImage parse(byte[] file) throws ImageFormatException {
        return ZImageParser.parse(file);
    }

    /** The zImage magic 0x016f2818. */
    @Override
    public int magicOffset() {
        return 0x24;
    }
}
