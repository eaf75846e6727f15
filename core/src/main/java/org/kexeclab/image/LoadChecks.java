package org.kexeclab.image;

import java.util.List;

/**
 * The checks {@code kexec_load} makes before it allocates anything, in the kernel's order
 * and with the kernel's errno ({@code kexec_load}, {@code kimage_alloc_init},
 * {@code sanity_check_segment_list}), followed by the lab's own checks for what the kernel
 * would trip over later (an entry point or a segment outside RAM, a segment over a
 * reserved range).
 *
 * <ol>
 * <li>more than {@link KexecImage#SEGMENT_MAX} segments: EINVAL;</li>
 * <li>crash image with no reservation: EINVAL; crash entry outside it: EADDRNOTAVAIL;</li>
 * <li>per segment: {@code mem + memsz} overflows the machine word, {@code mem} or
 *     {@code mend} not page-aligned, {@code mend >= KEXEC_DESTINATION_MEMORY_LIMIT}:
 *     EADDRNOTAVAIL;</li>
 * <li>two segments overlap: EINVAL;</li>
 * <li>{@code bufsz > memsz}: EINVAL;</li>
 * <li>one segment, or all together, more than half of total RAM pages: EINVAL;</li>
 * <li>crash image: a segment not inside the reservation: EADDRNOTAVAIL;</li>
 * <li>lab: entry outside RAM, segment not in RAM, segment over a reserved range: EADDRNOTAVAIL.</li>
 * </ol>
 */
public final class LoadChecks {
    private LoadChecks() {
    }

    /** Runs every check; returns normally if the kernel would accept the image. */
    public static void check(KexecImage image) throws KexecLoadException {
        List<Segment> segs = image.segments();
        if (segs.size() > KexecImage.SEGMENT_MAX) {
            throw new KexecLoadException(Errno.EINVAL, String.format(
                    "the image has %d segments, more than the kernel's limit of %d (segment %d is the first too many)",
                    segs.size(), KexecImage.SEGMENT_MAX, KexecImage.SEGMENT_MAX), KexecImage.SEGMENT_MAX);
        }
        if (image.type() == ImageType.CRASH) {
            checkCrashEntry(image);
        }
        checkAddresses(image);
        checkOverlaps(segs);
        checkBufsz(segs);
        checkHalfOfRam(image);
        if (image.type() == ImageType.CRASH) {
            checkInsideReservation(image);
        }
        checkEntryInRam(image);
        checkSegmentsInRam(image);
    }

    private static void checkCrashEntry(KexecImage image) throws KexecLoadException {
        AddressRange res = image.layout().crashReservation().orElseThrow(() -> new KexecLoadException(
                Errno.EINVAL, "a crash image needs a crash kernel reservation (crashkernel=) but the layout has none"));
        if (!res.contains(image.entry())) {
            throw new KexecLoadException(Errno.EADDRNOTAVAIL, String.format(
                    "the crash image's entry point 0x%x is outside the %s", image.entry(), res));
        }
    }

    private static void checkAddresses(KexecImage image) throws KexecLoadException {
        long wordMask = image.arch().wordSize() == 8 ? -1L : 0xffff_ffffL;
        long pageMask = image.pageSize() - 1L;
        long limit = image.layout().destinationMemoryLimit();
        List<Segment> segs = image.segments();
        for (int i = 0; i < segs.size(); i++) {
            Segment s = segs.get(i);
            long mstart = s.mem();
            long mend = (mstart + s.memsz()) & wordMask;
            String where = describe(i, s);
            if ((mstart & ~wordMask) != 0 || (s.memsz() & ~wordMask) != 0) {
                throw new KexecLoadException(Errno.EADDRNOTAVAIL, where + " does not fit the "
                        + (8 * image.arch().wordSize()) + "-bit addresses of " + image.arch(), i);
            }
            if (Long.compareUnsigned(mstart, mend) > 0) {
                throw new KexecLoadException(Errno.EADDRNOTAVAIL, where + " wraps around the end of the "
                        + (8 * image.arch().wordSize()) + "-bit address space", i);
            }
            if (((mstart | mend) & pageMask) != 0) {
                throw new KexecLoadException(Errno.EADDRNOTAVAIL, where + " does not start and end on a "
                        + image.pageSize() + "-byte page boundary", i);
            }
            if (Long.compareUnsigned(mend, limit) >= 0) {
                throw new KexecLoadException(Errno.EADDRNOTAVAIL, String.format(
                        "%s ends at or beyond the destination memory limit 0x%x", where, limit), i);
            }
        }
    }

    private static void checkOverlaps(List<Segment> segs) throws KexecLoadException {
        for (int i = 0; i < segs.size(); i++) {
            Segment a = segs.get(i);
            for (int j = 0; j < i; j++) {
                Segment b = segs.get(j);
                if (Long.compareUnsigned(a.mend(), b.mem()) > 0 && Long.compareUnsigned(a.mem(), b.mend()) < 0) {
                    throw new KexecLoadException(Errno.EINVAL,
                            describe(i, a) + " overlaps " + describe(j, b), i, j);
                }
            }
        }
    }

    private static void checkBufsz(List<Segment> segs) throws KexecLoadException {
        for (int i = 0; i < segs.size(); i++) {
            Segment s = segs.get(i);
            if (Long.compareUnsigned(s.bufsz(), s.memsz()) > 0) {
                throw new KexecLoadException(Errno.EINVAL, String.format(
                        "%s has bufsz 0x%x larger than its memsz 0x%x", describe(i, s), s.bufsz(), s.memsz()), i);
            }
        }
    }

    private static void checkHalfOfRam(KexecImage image) throws KexecLoadException {
        long half = image.layout().totalRamPages() / 2;
        long total = 0;
        List<Segment> segs = image.segments();
        for (int i = 0; i < segs.size(); i++) {
            long pages = segs.get(i).pageCount(image.pageSize());
            if (pages > half) {
                throw new KexecLoadException(Errno.EINVAL, String.format(
                        "%s needs %d pages, more than half of the %d pages of RAM",
                        describe(i, segs.get(i)), pages, image.layout().totalRamPages()), i);
            }
            total += pages;
        }
        if (total > half) {
            int[] all = new int[segs.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            throw new KexecLoadException(Errno.EINVAL, String.format(
                    "segments 0 to %d together need %d pages, more than half of the %d pages of RAM",
                    segs.size() - 1, total, image.layout().totalRamPages()), all);
        }
    }

    private static void checkInsideReservation(KexecImage image) throws KexecLoadException {
        AddressRange res = image.layout().crashReservation().orElseThrow();
        List<Segment> segs = image.segments();
        for (int i = 0; i < segs.size(); i++) {
            Segment s = segs.get(i);
            if (!res.containsAll(s.mem(), s.mend())) {
                throw new KexecLoadException(Errno.EADDRNOTAVAIL,
                        describe(i, s) + " is not inside the " + res, i);
            }
        }
    }

    private static void checkEntryInRam(KexecImage image) throws KexecLoadException {
        if (!image.layout().isRam(image.entry(), image.entry() + 1)) {
            throw new KexecLoadException(Errno.EADDRNOTAVAIL, String.format(
                    "the entry point 0x%x is not in RAM %s", image.entry(), AddressRange.bounds(image.layout().ram())));
        }
    }

    private static void checkSegmentsInRam(KexecImage image) throws KexecLoadException {
        List<Segment> segs = image.segments();
        for (int i = 0; i < segs.size(); i++) {
            Segment s = segs.get(i);
            if (s.memsz() == 0) {
                continue;
            }
            if (!image.layout().isRam(s.mem(), s.mend())) {
                throw new KexecLoadException(Errno.EADDRNOTAVAIL,
                        describe(i, s) + " is not entirely in RAM " + AddressRange.bounds(image.layout().ram()), i);
            }
            AddressRange hit = Ranges.firstOverlap(image.layout().reserved(), s.mem(), s.mend());
            if (hit != null) {
                throw new KexecLoadException(Errno.EADDRNOTAVAIL,
                        describe(i, s) + " overlaps the reserved range " + hit, i);
            }
        }
    }

    /** "segment 2 [0x1000000, 0x1003000)" for messages. */
    static String describe(int index, Segment s) {
        return String.format("segment %d [0x%x, 0x%x)", index, s.mem(), s.mem() + s.memsz());
    }
}
