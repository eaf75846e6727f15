package org.kexeclab.vmlinux;

import org.kexeclab.Arch;

/**
 * An architecture's rule for where a raw kernel image ({@code objcopy -O binary} output, no
 * header naming its link address) lives in the kernel's virtual address space. The kallsyms
 * table gives every symbol's address relative to its first symbol, not that symbol's place in
 * the file, and on some architectures not even the absolute base: each architecture finds the
 * missing link from its own facts (its boot header, its relocations, its branch encoding).
 * Implementations live in the architecture modules and are found with {@link java.util.ServiceLoader}.
 */
public interface ImageLinkAddress {
    /**
     * Where the image is linked.
     *
     * @param imageAddress  the virtual address of the image's first byte
     * @param relativeBase  the true {@code kallsyms_relative_base} (the stored word, or the one
     *                      the architecture recovered when the image stores 0)
     */
    record Link(long imageAddress, long relativeBase) {
        @Override
        public String toString() {
            return String.format("image at 0x%x, kallsyms_relative_base 0x%x", imageAddress, relativeBase);
        }
    }

    /** The architecture whose raw images this rule places. */
    Arch arch();

    /**
     * The link address of {@code image}, whose kallsyms table is {@code kallsyms}.
     *
     * @throws VmlinuxException if the image does not have the shape the rule relies on
     */
    Link link(byte[] image, Kallsyms kallsyms) throws VmlinuxException;
}
