package org.kexeclab.kexec.kernelcode;

import java.util.Locale;

/** Whose code relocates the image: kexec-lab's own stub or the kernel's compiled relocation code. */
public enum RelocateWith {
    /** kexec-lab's stub, assembled from the project's {@code .S} source. */
    STUB,
    /** The relocation code compiled into a distribution kernel. */
    KERNEL;

    /** The name users type ({@code stub}, {@code kernel}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The value {@code text} names.
     *
     * @throws IllegalArgumentException naming the accepted values if it is neither
     */
    public static RelocateWith parse(String text) {
        for (RelocateWith r : values()) {
            if (r.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is neither kernel nor stub");
    }
}
