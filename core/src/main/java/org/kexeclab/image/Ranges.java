package org.kexeclab.image;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Small helpers over lists of {@link AddressRange}: sorting, page rounding, subtraction, union. */
final class Ranges {
    private Ranges() {
    }

    /** The ranges sorted by start (unsigned). */
    static List<AddressRange> sorted(List<AddressRange> in) {
        List<AddressRange> out = new ArrayList<>(in);
        out.sort(Comparator.comparing(AddressRange::start, Long::compareUnsigned));
        return out;
    }

    /** {@code r} widened outward to whole pages (keeping its label). */
    static AddressRange pageRounded(AddressRange r, int pageSize) {
        long mask = pageSize - 1L;
        long start = r.start() & ~mask;
        long end = (r.end() + mask) & ~mask;
        return new AddressRange(start, end == 0 ? -pageSize : end, r.label());
    }

    /** {@code from} minus every range in {@code holes}: sorted, disjoint pieces. */
    static List<AddressRange> subtract(List<AddressRange> from, List<AddressRange> holes) {
        List<AddressRange> pieces = sorted(from);
        for (AddressRange hole : holes) {
            List<AddressRange> next = new ArrayList<>();
            for (AddressRange p : pieces) {
                if (!p.overlaps(hole.start(), hole.end())) {
                    next.add(p);
                    continue;
                }
                if (Long.compareUnsigned(p.start(), hole.start()) < 0) {
                    next.add(new AddressRange(p.start(), hole.start(), p.label()));
                }
                if (Long.compareUnsigned(hole.end(), p.end()) < 0) {
                    next.add(new AddressRange(hole.end(), p.end(), p.label()));
                }
            }
            pieces = next;
        }
        return pieces;
    }

    /** Total bytes of disjoint ranges. */
    static long totalSize(List<AddressRange> ranges) {
        long total = 0;
        for (AddressRange r : ranges) {
            total += r.size();
        }
        return total;
    }

    /** The first range in {@code ranges} that overlaps {@code [from, to)}, or null. */
    static AddressRange firstOverlap(List<AddressRange> ranges, long from, long to) {
        for (AddressRange r : ranges) {
            if (r.overlaps(from, to)) {
                return r;
            }
        }
        return null;
    }

    /**
     * The union of {@code ranges} as sorted, disjoint ranges: overlapping or touching ranges
     * become one, and so do neighbours whose gap is at most {@code maxGap} bytes and entirely
     * inside {@code bridgeable} (sorted, disjoint). Labels of merged ranges are joined with "+".
     */
    static List<AddressRange> union(List<AddressRange> ranges, long maxGap, List<AddressRange> bridgeable) {
        List<AddressRange> out = new ArrayList<>();
        for (AddressRange r : sorted(ranges)) {
            AddressRange last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && joins(last, r, maxGap, bridgeable)) {
                long end = Long.compareUnsigned(r.end(), last.end()) > 0 ? r.end() : last.end();
                String label = last.label().equals(r.label()) ? last.label() : last.label() + "+" + r.label();
                out.set(out.size() - 1, new AddressRange(last.start(), end, label));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    private static boolean joins(AddressRange left, AddressRange right, long maxGap, List<AddressRange> bridgeable) {
        if (Long.compareUnsigned(right.start(), left.end()) <= 0) {
            return true;
        }
        return Long.compareUnsigned(right.start() - left.end(), maxGap) <= 0
                && covers(bridgeable, left.end(), right.start());
    }

    /** True if {@code [from, to)} is covered by the union of disjoint sorted {@code ranges}. */
    static boolean covers(List<AddressRange> ranges, long from, long to) {
        long at = from;
        for (AddressRange r : ranges) {
            if (r.contains(at)) {
                if (Long.compareUnsigned(r.end(), to) >= 0) {
                    return true;
                }
                at = r.end();
            }
        }
        return false;
    }
}
