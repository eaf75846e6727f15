package org.kexeclab.x86.boot;

import org.kexeclab.image.AddressRange;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.loader.crash.CrashKernelRules;
import org.kexeclab.loader.crash.CrashReservations;
import org.kexeclab.loader.plan.PlanningException;

/**
 * x86_64's kdump facts, from Linux 6.1's {@code reserve_crashkernel()} (arch/x86/kernel/setup.c):
 * {@code crashkernel=SIZE} takes the highest 16 MiB-aligned free range between 16 MiB and
 * 512 MiB ({@code CRASH_ALIGN}, {@code CRASH_ADDR_LOW_MAX}), else the highest one up to 64 TiB;
 * {@code crashkernel=SIZE@OFFSET} must be free memory at a 1 MiB-aligned offset. The running
 * kernel is taken to sit at 16 MiB ({@code CONFIG_PHYSICAL_START}) with the 0x2a5a000 bytes from
 * {@code _text} to {@code _end} of Debian's 6.1 amd64 kernel; a crash note is 368 bytes.
 */
public final class X86CrashKernelRules implements CrashKernelRules {
    static final long CRASH_ALIGN = 16L << 20;
    static final long CRASH_ADDR_LOW_MAX = 512L << 20;
    static final long CRASH_ADDR_HIGH_MAX = 64L << 40;
    static final long PHYSICAL_START = 16L << 20;
    static final long KERNEL_SIZE = 0x2a5a000;
    static final long CRASH_NOTES_SIZE = 368;

    @Override
    public AddressRange reserve(MemoryLayout layout, long size) throws PlanningException {
        return CrashReservations.highest(layout, size, CRASH_ALIGN, CRASH_ALIGN, CRASH_ADDR_LOW_MAX,
                CRASH_ADDR_HIGH_MAX);
    }

    @Override
    public AddressRange reserveAt(MemoryLayout layout, long size, long offset) throws PlanningException {
        return CrashReservations.at(layout, size, offset, 1L << 20, "1 MiB");
    }

    @Override
    public AddressRange assumedRunningKernel(MemoryLayout layout) {
        return AddressRange.of(PHYSICAL_START, KERNEL_SIZE, "running kernel");
    }

    @Override
    public long crashNotesSize() {
        return CRASH_NOTES_SIZE;
    }
}
