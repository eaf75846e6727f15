package org.kexeclab.x86;

import org.kexeclab.testkit.SyntheticKernels;

/** Small i386 kernels for tests: the test kit's synthetic bzImage with its 64-bit flags cleared. */
final class I386Kernels {
    /** {@code xloadflags} in the setup header. */
    private static final int XLOADFLAGS = 0x236;

    private I386Kernels() {
    }

    /** A small 32-bit bzImage: {@code xloadflags} 0 (no XLF_KERNEL_64, not loadable above 4 GiB). */
    static byte[] bzImage() {
        byte[] b = SyntheticKernels.bzImage();
        b[XLOADFLAGS] = 0;
        b[XLOADFLAGS + 1] = 0;
        return b;
    }
}
