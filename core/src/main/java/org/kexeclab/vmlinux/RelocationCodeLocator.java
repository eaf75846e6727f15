package org.kexeclab.vmlinux;

import org.kexeclab.Arch;

/**
 * Finds an architecture's relocation code (what {@code machine_kexec} copies into the control
 * page) in a distribution kernel, from its symbols and the code's own instructions, and
 * refuses a kernel whose code does not have the shape the locator knows, with one sentence
 * naming the mismatch. Implementations live in the architecture modules and are found with
 * {@link java.util.ServiceLoader}.
 */
public interface RelocationCodeLocator {
    /** The architecture whose kernels this locator reads. */
    Arch arch();

    /**
     * The relocation code of {@code kernel}.
     *
     * @throws VmlinuxException if a symbol is missing or the code's shape does not match
     */
    RelocationCode locate(Vmlinux kernel) throws VmlinuxException;
}
