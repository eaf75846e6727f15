package org.kexeclab.image;

import java.util.List;

/**
 * Builds a {@link LoadedImage} the way {@code kimage_alloc_init}, {@code kimage_load_segment}
 * and {@code kimage_terminate} do, on the modelled allocator ({@link PagePool}).
 */
final class ImageLoader {
    private static final long NO_DEST = -1L;

    private final KexecImage image;
    private final int pageSize;
    private final List<Segment> segments;
    private final PagePool pool;
    private final List<AddressRange> windows;
    private final long[][] sourceOf;
    private final int[][] slotOf;
    private final long[] parked;
    private final IndirectionList list;
    private final IndirectionList.PageSource indirectionPages = () -> allocatePage(NO_DEST);

    private ImageLoader(KexecImage image, LoadOptions options) {
        this.image = image;
        this.pageSize = image.pageSize();
        this.segments = image.segments();
        if (image.layout().sparse()) {
            List<AddressRange> usable = PagePool.usable(image.layout(), image.arch().wordSize());
            List<AddressRange> poolRanges = RamWindows.pool(image, usable, options.controlPages());
            this.pool = new PagePool(poolRanges, pageSize, options);
            this.windows = RamWindows.windows(image, poolRanges);
        } else {
            this.pool = new PagePool(image.layout(), image.arch().wordSize(), options);
            this.windows = image.layout().ram();
        }
        this.sourceOf = new long[segments.size()][];
        this.slotOf = new int[segments.size()][];
        this.parked = new long[(int) ((pool.freePages() + 63) >>> 6)];
        this.list = new IndirectionList(image.arch().wordSize(), image.arch().byteOrder(), pageSize);
    }

    /** Loads a DEFAULT image: control pages, swap page, then every segment's pages. */
    static LoadedImage loadDefault(KexecImage image, LoadOptions options) throws KexecLoadException {
        ImageLoader l = new ImageLoader(image, options);
        long control = l.allocateControl(options.controlPages(), "control page");
        long swap = l.allocateControl(1, "swap page");
        int[] destinationEntry = new int[l.segments.size()];
        for (int i = 0; i < l.segments.size(); i++) {
            destinationEntry[i] = l.loadSegment(i);
        }
        l.list.terminate();
        return new LoadedImage(image, options, l.windows, control, swap, l.list, l.sourceOf, l.slotOf,
                destinationEntry);
    }

    /**
     * Loads a CRASH image: control pages from the first aligned hole in the reservation
     * ({@code kimage_alloc_crash_control_pages}), no swap page, no list: the segments are
     * written straight into their destinations and {@code head == IND_DONE}.
     */
    static LoadedImage loadCrash(KexecImage image, LoadOptions options) throws KexecLoadException {
        AddressRange res = image.layout().crashReservation().orElseThrow();
        long size = (long) options.controlPages() * image.pageSize();
        long hole = alignUp(res.start(), size);
        while (Long.compareUnsigned(hole + size, res.end()) <= 0 && Long.compareUnsigned(hole, res.start()) >= 0) {
            long blockedUntil = blockedUntil(image, hole, hole + size);
            if (blockedUntil == 0) {
                IndirectionList list = new IndirectionList(image.arch().wordSize(), image.arch().byteOrder(),
                        image.pageSize());
                list.terminate();
                List<AddressRange> windows = image.layout().sparse()
                        ? RamWindows.windows(image, List.of()) : image.layout().ram();
                return new LoadedImage(image, options, windows, hole, LoadedImage.NO_PAGE, list, null, null, null);
            }
            hole = alignUp(blockedUntil, size);
        }
        throw new KexecLoadException(Errno.ENOMEM, String.format(
                "the %s has no free aligned 0x%x bytes outside the segments for the control page(s)", res, size));
    }

    /** End of the first segment or reserved range overlapping {@code [from, to)}, or 0 if none. */
    private static long blockedUntil(KexecImage image, long from, long to) {
        for (Segment s : image.segments()) {
            if (Long.compareUnsigned(from, s.mend()) < 0 && Long.compareUnsigned(to, s.mem()) > 0) {
                return s.mend();
            }
        }
        AddressRange r = Ranges.firstOverlap(image.layout().reserved(), from, to);
        return r == null ? 0 : r.end();
    }

    private static long alignUp(long address, long size) {
        return (address + size - 1) & -size;
    }

    private int loadSegment(int i) throws KexecLoadException {
        Segment s = segments.get(i);
        int pages = (int) s.pageCount(pageSize);
        sourceOf[i] = new long[pages];
        slotOf[i] = new int[pages];
        java.util.Arrays.fill(slotOf[i], -1);
        int destinationEntry = list.add((s.mem() & -pageSize) | IndirectionList.IND_DESTINATION, indirectionPages);
        for (int k = 0; k < pages; k++) {
            long source = allocatePage(s.mem() + (long) k * pageSize);
            int slot = list.add(source | IndirectionList.IND_SOURCE, indirectionPages);
            sourceOf[i][k] = source;
            slotOf[i][k] = slot;
        }
        return destinationEntry;
    }

    /**
     * {@code kimage_alloc_normal_control_pages}: a naturally aligned block that is in no
     * destination range; blocks that are get set aside and returned afterwards.
     */
    private long allocateControl(int pages, String what) throws KexecLoadException {
        long[] rejected = new long[8];
        int nRejected = 0;
        long found = PagePool.NONE;
        while (found == PagePool.NONE) {
            long block = pool.allocateBlock(pages);
            if (block == PagePool.NONE) {
                break;
            }
            if (destinationSegment(block, block + (long) pages * pageSize) < 0) {
                found = block;
            } else {
                if (nRejected == rejected.length) {
                    rejected = java.util.Arrays.copyOf(rejected, nRejected * 2);
                }
                rejected[nRejected++] = block;
            }
        }
        for (int i = 0; i < nRejected; i++) {
            pool.release(rejected[i], pages);
        }
        if (found == PagePool.NONE) {
            throw new KexecLoadException(Errno.ENOMEM, String.format(
                    "no free RAM outside the segments' destinations for the %s (%d page(s) of 0x%x bytes)",
                    what, pages, pageSize));
        }
        return found;
    }

    /**
     * {@code kimage_alloc_page}: a page to hold the contents for {@code destination}
     * ({@link #NO_DEST} for an indirection page). A page that is some other destination
     * is parked for later, unless a source page already serves that destination: then
     * that destination takes its own page and the old source page is reused.
     */
    private long allocatePage(long destination) throws KexecLoadException {
        if (destination != NO_DEST && unpark(destination)) {
            return destination;
        }
        while (true) {
            long page = pool.allocate();
            if (page == PagePool.NONE) {
                throw new KexecLoadException(Errno.ENOMEM, String.format(
                        "RAM ran out while allocating a page for %s; the image needs fewer pages or more RAM",
                        destination == NO_DEST ? "the indirection list" : String.format("destination 0x%x", destination)));
            }
            if (page == destination) {
                return page;
            }
            int seg = destinationSegment(page, page + pageSize);
            if (seg < 0) {
                return page;
            }
            int k = (int) ((page - segments.get(seg).mem()) / pageSize);
            if (slotOf[seg] != null && slotOf[seg][k] >= 0) {
                long old = sourceOf[seg][k];
                sourceOf[seg][k] = page;
                list.set(slotOf[seg][k], page | IndirectionList.IND_SOURCE);
                return old;
            }
            park(page);
        }
    }

    private void park(long page) {
        long idx = pool.indexOf(page);
        parked[(int) (idx >>> 6)] |= 1L << idx;
    }

    private boolean unpark(long page) {
        long idx = pool.indexOf(page);
        if (idx < 0 || (parked[(int) (idx >>> 6)] & (1L << idx)) == 0) {
            return false;
        }
        parked[(int) (idx >>> 6)] &= ~(1L << idx);
        return true;
    }

    /** Index of the segment whose destination overlaps {@code [from, to)}, or -1. */
    private int destinationSegment(long from, long to) {
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (Long.compareUnsigned(from, s.mend()) < 0 && Long.compareUnsigned(to, s.mem()) > 0) {
                return i;
            }
        }
        return -1;
    }
}
