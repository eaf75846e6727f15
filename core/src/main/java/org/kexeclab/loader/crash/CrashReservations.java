package org.kexeclab.loader.crash;

import java.util.ArrayList;
import java.util.List;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.loader.plan.PlanningException;

/**
 * The memory search the kernels' {@code reserve_crashkernel()} do through
 * {@code memblock_phys_alloc_range()}: memblock hands out free memory top-down, free being RAM
 * less what is already reserved (the machine's own ranges and the running kernel's image), so
 * each architecture's rule is "the highest aligned range of SIZE bytes between MIN and MAX".
 */
public final class CrashReservations {
    private CrashReservations() {
    }

    /** Memory memblock still has free when crashkernel= is reserved: RAM less reserved ranges and the running kernel. */
    public static List<AddressRange> free(MemoryLayout layout) {
        List<AddressRange> holes = new ArrayList<>(layout.reserved());
        layout.runningKernel().ifPresent(holes::add);
        List<AddressRange> out = new ArrayList<>(layout.ram());
        for (AddressRange h : holes) {
            List<AddressRange> next = new ArrayList<>();
            for (AddressRange r : out) {
                if (!r.overlaps(h.start(), h.end())) {
                    next.add(r);
                    continue;
                }
                if (Long.compareUnsigned(r.start(), h.start()) < 0) {
                    next.add(new AddressRange(r.start(), h.start(), r.label()));
                }
                if (Long.compareUnsigned(h.end(), r.end()) < 0) {
                    next.add(new AddressRange(h.end(), r.end(), r.label()));
                }
            }
            out = next;
        }
        return out;
    }

    /**
     * The highest {@code align}-aligned range of {@code size} bytes inside {@code [min, max)}
     * and free memory, or -1 if none: {@code memblock_phys_alloc_range(size, align, min, max)}.
     */
    public static long topDown(MemoryLayout layout, long size, long align, long min, long max) {
        long found = -1;
        for (AddressRange r : free(layout)) {
            long start = Math.max(r.start(), min);
            long end = Math.min(r.end(), max);
            long base = (end - size) & -align;
            if (end - start >= size && base >= start) {
                found = Math.max(found, base);
            }
        }
        return found;
    }

    /**
     * {@code crashkernel=SIZE@OFFSET} as memblock takes it: the range must be free memory and
     * {@code offset} a multiple of {@code align} (memblock searches only aligned starts).
     *
     * @throws PlanningException naming what is in the way
     */
    public static AddressRange at(MemoryLayout layout, long size, long offset, long align, String alignName)
            throws PlanningException {
        if (size <= 0 || (size & 0xfff) != 0) {
            throw new PlanningException(String.format("crashkernel size 0x%x is not a positive number of 4 KiB pages",
                    size));
        }
        if ((offset & (align - 1)) != 0) {
            throw new PlanningException(String.format("crashkernel offset 0x%x is not %s-aligned, so the kernel cannot "
                    + "reserve it there", offset, alignName));
        }
        if (!layout.isRam(offset, offset + size)) {
            throw new PlanningException(String.format("crashkernel=0x%x@0x%x is not inside RAM %s", size, offset,
                    AddressRange.bounds(layout.ram())));
        }
        for (AddressRange used : usedBy(layout)) {
            if (used.overlaps(offset, offset + size)) {
                throw new PlanningException(String.format("crashkernel=0x%x@0x%x overlaps the %s %s: that memory is "
                        + "in use", size, offset, used.label(), used.bounds()));
            }
        }
        return AddressRange.of(offset, size, "crash kernel reservation");
    }

    /**
     * {@code crashkernel=SIZE} without an offset: the highest {@code align}-aligned free range
     * in {@code [min, max)}, else in {@code [min, fallbackMax)} (the architectures that fall
     * back to memory above their low limit), else refused.
     */
    public static AddressRange highest(MemoryLayout layout, long size, long align, long min, long max,
                                       long fallbackMax) throws PlanningException {
        if (size <= 0 || (size & 0xfff) != 0) {
            throw new PlanningException(String.format("crashkernel size 0x%x is not a positive number of 4 KiB pages",
                    size));
        }
        long base = topDown(layout, size, align, min, max);
        if (base < 0 && fallbackMax != max) {
            base = topDown(layout, size, align, min, fallbackMax);
        }
        if (base < 0) {
            throw new PlanningException(String.format("no free %d MiB-aligned range of 0x%x bytes for crashkernel= "
                    + "in the free memory %s: give the machine more memory or the reservation less", align >> 20, size,
                    AddressRange.bounds(free(layout))));
        }
        return AddressRange.of(base, size, "crash kernel reservation");
    }

    private static List<AddressRange> usedBy(MemoryLayout layout) {
        List<AddressRange> used = new ArrayList<>(layout.reserved());
        layout.runningKernel().ifPresent(used::add);
        return used;
    }
}
