package org.kexeclab.ppc.boot;

import org.kexeclab.image.AddressRange;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.loader.crash.CrashKernelRules;
import org.kexeclab.loader.crash.CrashReservations;
import org.kexeclab.loader.plan.PlanningException;

/**
 * 64-bit powerpc's kdump facts, from Linux 6.1's {@code reserve_crashkernel()}
 * (arch/powerpc/kexec/core.c) on a machine without the LPAR firmware feature (PowerNV, qemu's
 * powernv): {@code crashkernel=SIZE} is placed at {@code min(ppc64_rma_size / 2, 128 MiB)},
 * which with the radix MMU's unbounded RMA is 128 MiB, and must be free memory there;
 * {@code crashkernel=SIZE@OFFSET} must be free memory at a 64 KiB-aligned offset (Debian's
 * ppc64el page size; the kernel would move a misaligned base, which kexec-lab refuses instead).
 * The running kernel runs at physical 0 with the 0x287ca18-byte PT_LOAD of Debian's
 * 6.1.0-57 ppc64el vmlinux. A crash note is 536 bytes: two 12-byte note headers, "CORE"
 * padded to 8, and ppc64's 504-byte {@code elf_prstatus} (112 bytes of common fields, 48
 * 8-byte registers, {@code pr_fpvalid} padded to 8).
 */
public final class Ppc64CrashKernelRules implements CrashKernelRules {
    /** Where {@code crashkernel=SIZE} goes without an offset on a non-LPAR machine. */
    static final long DEFAULT_BASE = 128L << 20;
    /** Debian ppc64el's 64 KiB page: the reservation's alignment. */
    static final long CRASH_ALIGN = 64L << 10;
    static final long KERNEL_SIZE = 0x287ca18;
    static final long CRASH_NOTES_SIZE = 536;

    @Override
    public AddressRange reserve(MemoryLayout layout, long size) throws PlanningException {
        return CrashReservations.at(layout, size, DEFAULT_BASE, CRASH_ALIGN, "64 KiB");
    }

    @Override
    public AddressRange reserveAt(MemoryLayout layout, long size, long offset) throws PlanningException {
        return CrashReservations.at(layout, size, offset, CRASH_ALIGN, "64 KiB");
    }

    @Override
    public AddressRange assumedRunningKernel(MemoryLayout layout) {
        return AddressRange.of(layout.ram().get(0).start(), KERNEL_SIZE, "running kernel");
    }

    @Override
    public long crashNotesSize() {
        return CRASH_NOTES_SIZE;
    }
}
