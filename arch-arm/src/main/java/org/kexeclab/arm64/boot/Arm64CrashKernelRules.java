package org.kexeclab.arm64.boot;

import org.kexeclab.image.AddressRange;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.loader.crash.CrashKernelRules;
import org.kexeclab.loader.crash.CrashReservations;
import org.kexeclab.loader.plan.PlanningException;

/**
 * arm64's kdump facts, from Linux 6.1's {@code reserve_crashkernel()} (arch/arm64/mm/init.c):
 * {@code crashkernel=SIZE} takes the highest 2 MiB-aligned free range below the DMA zone's
 * limit ({@code arm64_dma_phys_limit}: 4 GiB, or the end of RAM if lower), else the highest
 * anywhere; {@code crashkernel=SIZE@OFFSET} must be free memory at a 2 MiB-aligned offset (the
 * arm64 boot protocol's alignment). The running kernel is taken to sit 2 MiB into RAM with the
 * 0x2010000-byte {@code image_size} of Debian's 6.1 arm64 Image; a crash note is 432 bytes.
 */
public final class Arm64CrashKernelRules implements CrashKernelRules {
    static final long CRASH_ALIGN = 2L << 20;
    static final long DMA32_LIMIT = 1L << 32;
    static final long PHYS_MAX = 1L << 48;
    static final long KERNEL_SIZE = 0x2010000;
    static final long CRASH_NOTES_SIZE = 432;

    @Override
    public AddressRange reserve(MemoryLayout layout, long size) throws PlanningException {
        long ramEnd = layout.ram().get(layout.ram().size() - 1).end();
        long low = layout.ram().get(0).start() >= DMA32_LIMIT ? PHYS_MAX : Math.min(DMA32_LIMIT, ramEnd);
        return CrashReservations.highest(layout, size, CRASH_ALIGN, 0, low, PHYS_MAX);
    }

    @Override
    public AddressRange reserveAt(MemoryLayout layout, long size, long offset) throws PlanningException {
        return CrashReservations.at(layout, size, offset, CRASH_ALIGN, "2 MiB");
    }

    @Override
    public AddressRange assumedRunningKernel(MemoryLayout layout) {
        long base = ((layout.ram().get(0).start() + CRASH_ALIGN - 1) & -CRASH_ALIGN) + CRASH_ALIGN;
        return AddressRange.of(base, KERNEL_SIZE, "running kernel");
    }

    @Override
    public long crashNotesSize() {
        return CRASH_NOTES_SIZE;
    }
}
