package org.kexeclab.image;

import java.util.ArrayList;
import java.util.List;

/**
 * The RAM windows a load on a {@linkplain MemoryLayout#sparse() sparse} layout maps: every
 * reserved range (the machine's own area), the crash reservation of a crash image, every
 * destination (page-rounded) and the allocator's pool, the one place control, swap,
 * indirection and source pages come from. Windows that touch, or whose gap is at most
 * {@link #MERGE_GAP} bytes of RAM, become one; nothing else is mapped.
 *
 * <p>The pool is the lowest usable RAM (allocatable, below the source memory limit and the
 * word size's reach) outside every destination, just large enough for what
 * {@code kimage_alloc_page} can be asked for: one source page per destination page, the
 * indirection pages, the control block and the swap page, plus {@link #SLACK_PAGES}. Its
 * first page is aligned to the control block, which the kernel allocates naturally aligned.
 */
final class RamWindows {
    /** Neighbouring windows at most this far apart (64 KiB) are mapped as one if the gap is RAM. */
    static final long MERGE_GAP = 64L << 10;
    /** Pages the pool holds beyond the exact need. */
    static final int SLACK_PAGES = 16;

    private RamWindows() {
    }

    /** The pool for {@code image} with {@code controlPages} control pages, from {@code usable} (sorted). */
    static List<AddressRange> pool(KexecImage image, List<AddressRange> usable, int controlPages) {
        int pageSize = image.pageSize();
        long need = poolPages(image, controlPages);
        long align = (long) controlPages * pageSize;
        List<AddressRange> out = new ArrayList<>();
        for (AddressRange free : Ranges.subtract(usable, destinations(image))) {
            long start = (free.start() + align - 1) & -align;
            if (need == 0 || Long.compareUnsigned(start, free.end()) >= 0 || start == 0 && free.start() != 0) {
                continue;
            }
            long pages = Math.min(need, (free.end() - start) / pageSize);
            if (pages > 0) {
                out.add(AddressRange.of(start, pages * pageSize, "allocator pool"));
                need -= pages;
            }
        }
        return out;
    }

    /** Pages the pool needs: sources, indirection pages, control block, swap page, slack. */
    static long poolPages(KexecImage image, int controlPages) {
        long sources = 0;
        for (Segment s : image.segments()) {
            sources += s.pageCount(image.pageSize());
        }
        long entries = sources + image.segments().size() + 1;
        long perPage = image.pageSize() / image.arch().wordSize() - 1;
        long listPages = (entries + perPage - 1) / perPage + 1;
        return sources + listPages + controlPages + 1 + SLACK_PAGES;
    }

    /** Every window a load of {@code image} with allocator pool {@code pool} maps, merged. */
    static List<AddressRange> windows(KexecImage image, List<AddressRange> pool) {
        MemoryLayout layout = image.layout();
        List<AddressRange> all = new ArrayList<>();
        for (AddressRange r : layout.reserved()) {
            int brief = r.label().indexOf(" (");
            all.add(brief > 0 ? new AddressRange(r.start(), r.end(), r.label().substring(0, brief)) : r);
        }
        if (image.type() == ImageType.CRASH) {
            layout.crashReservation().ifPresent(r -> all.add(Ranges.pageRounded(r, layout.pageSize())));
        }
        all.addAll(destinations(image));
        all.addAll(pool);
        return List.copyOf(Ranges.union(all, MERGE_GAP, layout.ram()));
    }

    /** Each non-empty destination widened to whole pages, labelled "segment N". */
    private static List<AddressRange> destinations(KexecImage image) {
        List<AddressRange> out = new ArrayList<>();
        List<Segment> segs = image.segments();
        for (int i = 0; i < segs.size(); i++) {
            Segment s = segs.get(i);
            if (s.memsz() != 0) {
                out.add(Ranges.pageRounded(new AddressRange(s.mem(), s.mend(), "segment " + i), image.pageSize()));
            }
        }
        return Ranges.sorted(out);
    }
}
