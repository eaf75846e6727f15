package org.kexeclab.loader.format;

import java.util.Map;
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
     * Places the boot data in {@code alloc}, which already holds the kernel's segments.
     *
     * @param kernelEnd the first byte after the kernel's highest segment
     * @param entry     the kernel's physical entry point
     * @return the boot registers (lower-case names) and their values, in the order shown
     */
    Map<String, Long> placeBootData(HoleAllocator alloc, MemoryLayout layout, LoadRequest req, long kernelEnd,
                                    long entry) throws PlanningException, ImageFormatException;
}
