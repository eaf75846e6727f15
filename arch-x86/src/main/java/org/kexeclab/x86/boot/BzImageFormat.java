package org.kexeclab.x86.boot;

import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.format.KernelFormat;
import org.kexeclab.loader.format.KernelImage;

/** The x86 bzImage as a {@link KernelFormat}: recognised by its boot flag and "HdrS". */
public final class BzImageFormat implements KernelFormat {

    @Override
    public String name() {
        return BzImageParser.FORMAT;
    }

    @Override
    public boolean recognises(byte[] file) {
        return BzImageParser.looksLikeBzImage(file);
    }

    @Override
    public KernelImage parse(byte[] file) throws ImageFormatException {
        return BzImageParser.parse(file);
    }

    /** The setup header's "HdrS". */
    @Override
    public int magicOffset() {
        return 0x202;
    }
}
