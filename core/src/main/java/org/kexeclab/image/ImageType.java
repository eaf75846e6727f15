package org.kexeclab.image;

/** The kind of kexec image, with the kernel's {@code KEXEC_TYPE_*} number. */
public enum ImageType {
    /** A normal kexec reboot image: pages are copied into place by the relocation stub. */
    DEFAULT(0),
    /** A crash (panic) image: loaded straight into the crash-kernel reservation. */
    CRASH(1);

    private final int kernelValue;

    ImageType(int kernelValue) {
        this.kernelValue = kernelValue;
    }

    /** The kernel's {@code KEXEC_TYPE_DEFAULT} (0) or {@code KEXEC_TYPE_CRASH} (1). */
    public int kernelValue() {
        return kernelValue;
    }
}
