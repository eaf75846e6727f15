package org.kexeclab.loader.format;

import java.util.Map;
import java.util.OptionalLong;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.loader.plan.HoleAllocator;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlanningException;

/**
 * The architecture's half of loading an ELF vmlinux: {@link ElfPlanner} places the kernel's
 * PT_LOAD segments (the same on every architecture), this places the boot data after them
 * (initrd, device tree) and names the registers the kernel wants at its entry.
 */
public interface ElfBoot {

    /**
     * Refuses, before anything is placed, an ELF kernel this architecture does not boot from
     * its ELF file (one sentence saying what to load instead), or a request the kernel could
     * not take (a command line longer than it holds). Accepts by default.
     */
    default void accept(ElfKernel elf, LoadRequest req) throws PlanningException {
    }

    /**
     * Where the kernel's first PT_LOAD goes when the architecture's loader picks the address
     * itself (a kexec-tools loader that takes the lowest free hole of the file's size), or empty to keep
     * {@code p_paddr} (shifted past kexec-lab's first MiB). It may first {@linkplain
     * HoleAllocator#exclude exclude} memory the loader keeps clear from {@code alloc}. Empty by default.
     */
    default OptionalLong placeKernel(HoleAllocator alloc, MemoryLayout layout, ElfKernel elf, LoadRequest req)
            throws PlanningException {
        return OptionalLong.empty();
    }

    /**
     * True if this architecture plans crash loads ({@code kexec -p}) of an ELF kernel: then
     * {@link #placeKernel} and {@link #placeBootData} get an allocator over the crash kernel
     * reservation and add the crash segments. False by default (such loads are refused).
     */
    default boolean plansCrashLoads() {
        return false;
    }

    /**
     * Places the boot data in {@code alloc}, which already holds the kernel's segments.
     *
     * @param kernelEnd the first byte after the kernel's highest segment
     * @param entry     the kernel's physical entry point
     * @return the boot registers (lower-case names) and their values, in the order shown
     */
    Map<String, Long> placeBootData(HoleAllocator alloc, MemoryLayout layout, LoadRequest req, long kernelEnd,
                                    long entry) throws PlanningException, ImageFormatException;
}
