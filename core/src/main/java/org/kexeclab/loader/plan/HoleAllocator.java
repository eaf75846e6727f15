package org.kexeclab.loader.plan;

import java.util.ArrayList;
import java.util.List;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.image.Segment;
import org.kexeclab.image.SegmentData;

/**
 * Places buffers in the machine's free RAM the way kexec-tools' {@code add_buffer()} and
 * {@code locate_hole()} do: {@code memsz} rounded up to whole pages, alignment at least a
 * page, the hole clamped to {@code [min, max)}, and either the lowest fitting hole
 * (bottom-up, kexec-tools' {@code hole_end > 0}) or the highest (top-down, aligned down
 * from the end of the last fitting range). Free RAM is the layout's allocatable RAM (for a
 * crash load, {@link #inCrashReservation}: the crash kernel reservation) minus every buffer
 * placed or {@linkplain #reserve reserved} so far.
 */
public final class HoleAllocator {
    /** No upper limit. */
    public static final long NO_MAX = Long.MAX_VALUE;

    private final MemoryLayout layout;
    private final List<AddressRange> pool;
    private final String poolName;
    private final List<PlannedSegment> placed = new ArrayList<>();
    private final List<AddressRange> held = new ArrayList<>();

    /** An allocator over the layout's allocatable RAM, as a default (kexec -l) load places its buffers. */
    public HoleAllocator(MemoryLayout layout) {
        this(layout, layout.allocatableRam(), "free RAM");
    }

    private HoleAllocator(MemoryLayout layout, List<AddressRange> pool, String poolName) {
        this.layout = layout;
        this.pool = List.copyOf(pool);
        this.poolName = poolName;
    }

    /**
     * An allocator over the layout's crash kernel reservation (less reserved ranges), as a crash
     * load ({@code kexec -p}) places every buffer: kexec-tools clamps its holes to the
     * "Crash kernel" resource.
     *
     * @throws PlanningException if the layout has no crash kernel reservation
     */
    public static HoleAllocator inCrashReservation(MemoryLayout layout) throws PlanningException {
        AddressRange crash = layout.crashReservation().orElseThrow(() -> new PlanningException(
                "a crash load needs a crash kernel reservation (crashkernel=SIZE[@OFFSET])"));
        return new HoleAllocator(layout, subtract(List.of(crash), layout.reserved()),
                "free part of the crash kernel reservation");
    }

    /** An allocator with the same layout, pool, placed segments and reservations, to try a placement on. */
    public HoleAllocator copy() {
        HoleAllocator c = new HoleAllocator(layout, pool, poolName);
        c.placed.addAll(placed);
        c.held.addAll(held);
        return c;
    }

    public MemoryLayout layout() {
        return layout;
    }

    /** The segments placed so far, in the order placed. */
    public List<PlannedSegment> placed() {
        return List.copyOf(placed);
    }

    /**
     * Places {@code data} in a hole of {@code memsz} bytes and returns the hole's address.
     *
     * @param min     lowest address the buffer may start at
     * @param max     first address the buffer may not reach ({@link #NO_MAX} for none)
     * @param topDown true for the highest fitting hole, false for the lowest
     */
    public long add(String label, SegmentData data, long memsz, long align, long min, long max, boolean topDown)
            throws PlanningException {
        long size = pageSize(label, data, memsz);
        long base = locate(label, size, Math.max(align, layout.pageSize()), min, max, topDown);
        placed.add(new PlannedSegment(label, new Segment(data, base, size)));
        return base;
    }

    /**
     * Holds a hole of {@code memsz} bytes for something that is not a segment yet (a purgatory
     * added later, say), with the same rules as {@link #add}: nothing else is placed there, and
     * it is not among {@link #placed()}.
     *
     * @return the hole, {@code memsz} rounded up to whole pages
     */
    public AddressRange reserve(String label, long memsz, long align, long min, long max, boolean topDown)
            throws PlanningException {
        long size = pageSize(label, SegmentData.generated(0, 0), memsz);
        long base = locate(label, size, Math.max(align, layout.pageSize()), min, max, topDown);
        AddressRange hole = AddressRange.of(base, size, label);
        held.add(hole);
        return hole;
    }

    /**
     * Keeps {@code [start, end)}, widened to whole pages, out of every later placement: memory a
     * loader avoids though it is RAM (the running kernel's image, say). Listed by {@link #reserved()}.
     */
    public void exclude(String label, long start, long end) {
        long page = layout.pageSize();
        held.add(new AddressRange(start & -page, roundUp(end, page), label));
    }

    /** The holes {@link #reserve} holds and the ranges {@link #exclude} keeps out, in that order. */
    public List<AddressRange> reserved() {
        return List.copyOf(held);
    }

    private long locate(String label, long size, long align, long min, long max, boolean topDown)
            throws PlanningException {
        long base = locate(size, align, min, max, topDown);
        if (base < 0) {
            throw new PlanningException(String.format("the %s (0x%x bytes, %d KiB aligned, between 0x%x and 0x%x) "
                    + "does not fit in the %s %s: %s", label, size, align >> 10, min,
                    max == NO_MAX ? layout.ram().get(layout.ram().size() - 1).end() : max, poolName,
                    AddressRange.bounds(free()), poolName.equals("free RAM")
                            ? "give the machine more memory" : "give the crash kernel a larger reservation"));
        }
        return base;
    }

    /** Places {@code data} at exactly {@code mem}, which must be page-aligned free RAM. */
    public void addAt(String label, SegmentData data, long mem, long memsz) throws PlanningException {
        long size = pageSize(label, data, memsz);
        if ((mem & (layout.pageSize() - 1)) != 0 || !covers(free(), mem, mem + size)) {
            throw new PlanningException(String.format("the %s must be loaded at [0x%x, 0x%x), which is not in the %s %s",
                    label, mem, mem + size, poolName, AddressRange.bounds(free())));
        }
        placed.add(new PlannedSegment(label, new Segment(data, mem, size)));
    }

    /** {@code max(memsz, bufsz)} in whole pages; a size beyond the machine's RAM is refused before any rounding. */
    private long pageSize(String label, SegmentData data, long memsz) throws PlanningException {
        long ramEnd = layout.ram().get(layout.ram().size() - 1).end();
        long size = Math.max(memsz, data.size());
        if (Long.compareUnsigned(size, ramEnd) > 0) {
            throw new PlanningException(String.format("the %s needs 0x%x bytes, more than the machine's 0x%x bytes of "
                    + "RAM", label, size, ramEnd));
        }
        return roundUp(size, layout.pageSize());
    }

    /** Free memory: the pool (allocatable RAM, or the crash reservation) minus every placed segment and held hole. */
    public List<AddressRange> free() {
        List<AddressRange> used = new ArrayList<>(held);
        for (PlannedSegment p : placed) {
            used.add(AddressRange.of(p.segment().mem(), p.segment().memsz()));
        }
        return subtract(pool, used);
    }

    private long locate(long size, long align, long min, long max, boolean topDown) {
        long found = -1;
        for (AddressRange r : free()) {
            long start = roundUp(Math.max(r.start(), min), align);
            long end = Math.min(r.end(), max);
            if (start >= end || end - start < size) {
                continue;
            }
            if (!topDown) {
                return start;
            }
            found = (end - size) & -align;
        }
        return found;
    }

    private static boolean covers(List<AddressRange> ranges, long from, long to) {
        return ranges.stream().anyMatch(r -> r.start() <= from && to <= r.end());
    }

    /** {@code from} minus {@code holes}; both sorted lists of disjoint ranges below 2^63. */
    private static List<AddressRange> subtract(List<AddressRange> from, List<AddressRange> holes) {
        List<AddressRange> out = new ArrayList<>();
        for (AddressRange r : from) {
            long start = r.start();
            for (AddressRange h : holes.stream().sorted((x, y) -> Long.compare(x.start(), y.start())).toList()) {
                if (h.end() <= start || h.start() >= r.end()) {
                    continue;
                }
                if (h.start() > start) {
                    out.add(new AddressRange(start, h.start(), ""));
                }
                start = Math.max(start, h.end());
            }
            if (start < r.end()) {
                out.add(new AddressRange(start, r.end(), ""));
            }
        }
        return out;
    }

    public static long roundUp(long v, long align) {
        return (v + align - 1) & -align;
    }
}
