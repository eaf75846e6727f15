package org.kexeclab.viewer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.IndirectionList;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.Segment;

/**
 * What each page of a loaded kexec image is for, as the memory map draws it: the control
 * page(s) holding the stub, the indirection pages holding the list, the swap page, each
 * segment's source pages (where {@code kexec_load} put the data) and destination pages (where
 * the stub copies it), and the machine's reserved area. Pages are numbered by address / page
 * size; a page that is both source and destination (already in place) counts as destination.
 */
final class PageRoles {
    /** The kinds of page, in the order the page's legend lists them. */
    enum Role {
        CONTROL, INDIRECTION, SWAP, SOURCE, DESTINATION, RESERVED
    }

    /**
     * One page.
     *
     * @param number  address / page size
     * @param role    what it is for
     * @param segment the segment it serves (source and destination pages), else -1
     * @param index   its page index within that segment, else -1
     */
    record Page(long number, Role role, int segment, int index) {
    }

    private final TreeMap<Long, Page> pages = new TreeMap<>();
    private final int pageSize;

    private PageRoles(int pageSize) {
        this.pageSize = pageSize;
    }

    /** The pages of {@code loaded} that are mapped, classified. */
    static PageRoles of(LoadedImage loaded) {
        int ps = loaded.image().pageSize();
        PageRoles r = new PageRoles(ps);
        for (AddressRange reserved : loaded.image().layout().reserved()) {
            for (long a = reserved.start(); Long.compareUnsigned(a, reserved.end()) < 0; a += ps) {
                r.put(a, Role.RESERVED, -1, -1);
            }
        }
        List<Segment> segments = loaded.image().segments();
        for (int s = 0; s < segments.size(); s++) {
            int count = loaded.pageCount(s);
            for (int k = 0; k < count; k++) {
                long source = loaded.sourcePage(s, k);
                if (source != LoadedImage.NO_PAGE) {
                    r.put(source, Role.SOURCE, s, k);
                }
            }
        }
        for (int s = 0; s < segments.size(); s++) {
            int count = loaded.pageCount(s);
            for (int k = 0; k < count; k++) {
                r.put(segments.get(s).mem() + (long) k * ps, Role.DESTINATION, s, k);
            }
        }
        IndirectionList list = loaded.list();
        for (int i = 0; i < list.pageCount(); i++) {
            r.put(list.pageAddress(i), Role.INDIRECTION, -1, -1);
        }
        for (int i = 0; i < loaded.controlPageCount(); i++) {
            r.put(loaded.controlPage() + (long) i * ps, Role.CONTROL, -1, -1);
        }
        if (loaded.swapPage() != LoadedImage.NO_PAGE) {
            r.put(loaded.swapPage(), Role.SWAP, -1, -1);
        }
        r.keepMapped(loaded.mappedWindows());
        return r;
    }

    private void put(long address, Role role, int segment, int index) {
        long n = Long.divideUnsigned(address, pageSize);
        pages.put(n, new Page(n, role, segment, index));
    }

    private void keepMapped(List<AddressRange> windows) {
        pages.keySet().removeIf(n -> windows.stream().noneMatch(w -> w.contains(n * pageSize)));
    }

    /** Every classified page, in address order. */
    List<Page> pages() {
        return new ArrayList<>(pages.values());
    }

    /** The page numbered {@code number}, or null. */
    Page page(long number) {
        return pages.get(number);
    }

    /** Bytes per page. */
    int pageSize() {
        return pageSize;
    }

    /** Pages per role. */
    Map<Role, Integer> counts() {
        Map<Role, Integer> c = new TreeMap<>();
        for (Page p : pages.values()) {
            c.merge(p.role(), 1, Integer::sum);
        }
        return c;
    }
}
