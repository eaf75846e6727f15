package org.kexeclab.x86.boot;

import java.util.Map;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.loader.format.ElfBoot;
import org.kexeclab.loader.format.ElfKernel;
import org.kexeclab.loader.plan.HoleAllocator;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlanningException;

/**
 * x86 (x86_64 and i386) boots no ELF vmlinux here: the kernel wants boot parameters (the zero
 * page), which only the bzImage's setup header describes, so an ELF load is refused with advice.
 */
public final class X86ElfBoot implements ElfBoot {
    private final String archName;

    /** The refusal for {@code archName}'s ELF kernels. */
    public X86ElfBoot(String archName) {
        this.archName = archName;
    }

    @Override
    public void accept(ElfKernel elf, LoadRequest req) throws PlanningException {
        throw new PlanningException("an " + archName + " ELF vmlinux has no boot-params support here: load the bzImage "
                + "(arch/x86/boot/bzImage) instead");
    }

    /** Never reached: {@link #accept} refuses every ELF kernel first. */
    @Override
    public Map<String, Long> placeBootData(HoleAllocator alloc, MemoryLayout layout, LoadRequest req, long kernelEnd,
                                           long entry) throws PlanningException {
        throw new PlanningException("an " + archName + " ELF vmlinux has no boot-params support here");
    }
}
