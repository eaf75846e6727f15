package org.kexeclab.loader.format;

import org.kexeclab.Arch;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlanningException;

/**
 * A parsed kernel file, as one {@link KernelFormat} read it (or an {@link ElfKernel}). It plans
 * its own load the way kexec-tools' loader for its format does, so no caller needs to know
 * which format it is. Obtain one with {@code org.kexeclab.loader.KernelFormats#parse}.
 */
public interface KernelImage {

    /** The architecture the kernel is built for. */
    Arch arch();

    /** The format's usual name ({@link KernelFormat#name()}, or "ELF vmlinux"). */
    String formatName();

    /**
     * The kernel with its compression undone: the ELF {@code vmlinux} or the raw image inside
     * the file (a format's own knowledge of where its payload is and how it is compressed).
     *
     * @param maxSize the cap on the decompressed size
     * @throws ImageFormatException if the payload cannot be found or decompressed
     */
    UnpackedKernel unpack(long maxSize) throws ImageFormatException;

    /**
     * The plan for {@code req} in {@code layout}: kernel, initrd, command line and boot data
     * placed with the format's rules, and the registers the kernel wants at its entry.
     *
     * @throws PlanningException   if something does not fit or the combination is not loadable
     * @throws ImageFormatException if a user-supplied device tree cannot be read
     */
    LoadPlan plan(LoadRequest req, MemoryLayout layout) throws PlanningException, ImageFormatException;
}
