package org.kexeclab.riscv.boot;

import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.format.KernelFormat;
import org.kexeclab.loader.format.KernelImage;

/** The RISC-V {@code Image} format: recognised by "RSC\x05" at 0x38, parsed by {@link RiscvImageParser}. */
public final class RiscvImageFormat implements KernelFormat {

    @Override
    public String name() {
        return RiscvImageParser.FORMAT;
    }

    @Override
    public boolean recognises(byte[] file) {
        return RiscvImageParser.looksLikeImage(file);
    }

    @Override
    public KernelImage parse(byte[] file) throws ImageFormatException {
        return RiscvImageParser.parse(file);
    }

    /** "RSC\x05". */
    @Override
    public int magicOffset() {
        return 0x38;
    }
}
