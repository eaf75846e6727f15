package org.kexeclab.image;

import java.util.Arrays;
import java.util.List;
import org.kexeclab.engine.GuestMemory;

/**
 * The kernel's {@code struct kimage} after a successful {@code kexec_load}: where the
 * control page(s), the swap page, the indirection pages and every source page were put,
 * and the list itself. Built by {@link #load}; deterministic for a given image and
 * {@link LoadOptions}. Nothing is in guest memory until {@link #writeTo} (or
 * {@link #writeList} and {@link #writeSourcePages}) is called.
 *
 * <p>Allocation rules (as the kernel's): a source page is its own destination or no
 * destination page at all; indirection, control and swap pages are in no destination
 * range; nothing is put in a reserved range, nor (DEFAULT images) in the crash
 * reservation. A CRASH image has its control pages at the first aligned hole of the
 * reservation, no swap page, no list ({@code head == IND_DONE}), and its segments are
 * written straight into their destinations.
 */
public final class LoadedImage {
    /** Returned for a page that does not exist (the swap page of a crash image). */
    public static final long NO_PAGE = -1L;

    private final KexecImage image;
    private final LoadOptions options;
    private final List<AddressRange> windows;
    private final long controlPage;
    private final long swapPage;
    private final IndirectionList list;
    private final long[][] sourceOf;
    private final int[][] slotOf;
    private final int[] destinationEntry;

    LoadedImage(KexecImage image, LoadOptions options, List<AddressRange> windows, long controlPage, long swapPage,
            IndirectionList list, long[][] sourceOf, int[][] slotOf, int[] destinationEntry) {
        this.image = image;
        this.options = options;
        this.windows = List.copyOf(windows);
        this.controlPage = controlPage;
        this.swapPage = swapPage;
        this.list = list;
        this.sourceOf = sourceOf;
        this.slotOf = slotOf;
        this.destinationEntry = destinationEntry;
    }

    /**
     * Checks ({@link LoadChecks}) and loads {@code image}: allocates and builds everything.
     *
     * @throws KexecLoadException with the kernel's errno when the kernel would refuse it,
     *                            or ENOMEM when RAM runs out
     */
    public static LoadedImage load(KexecImage image, LoadOptions options) throws KexecLoadException {
        LoadChecks.check(image);
        return image.type() == ImageType.CRASH
                ? ImageLoader.loadCrash(image, options)
                : ImageLoader.loadDefault(image, options);
    }

    /** {@link #load(KexecImage, LoadOptions)} with {@link LoadOptions#defaults()}. */
    public static LoadedImage load(KexecImage image) throws KexecLoadException {
        return load(image, LoadOptions.defaults());
    }

    /** The image loaded. */
    public KexecImage image() {
        return image;
    }

    /** The options it was loaded with. */
    public LoadOptions options() {
        return options;
    }

    /**
     * The guest-physical windows the emulated machine must map for this load, sorted and
     * disjoint: all RAM of a dense layout; for a {@linkplain MemoryLayout#sparse() sparse} one,
     * only its reserved ranges, destinations and the allocator pool every control, swap,
     * indirection and source page came from (neighbours merged when close).
     */
    public List<AddressRange> mappedWindows() {
        return windows;
    }

    /** Bytes of {@link #mappedWindows()}. */
    public long mappedBytes() {
        return Ranges.totalSize(windows);
    }

    /** {@code image->head}: {@code first indirection page | IND_INDIRECTION}, or {@code IND_DONE}. */
    public long head() {
        return list.head();
    }

    /** Physical address of the first control page ({@code control_code_page}). */
    public long controlPage() {
        return controlPage;
    }

    /** How many contiguous control pages start at {@link #controlPage()}. */
    public int controlPageCount() {
        return options.controlPages();
    }

    /** Physical address of the swap page, or {@link #NO_PAGE} for a crash image. */
    public long swapPage() {
        return swapPage;
    }

    /** The indirection list (empty, head == IND_DONE, for a crash image). */
    public IndirectionList list() {
        return list;
    }

    /** Pages in segment {@code segment}'s destination. */
    public int pageCount(int segment) {
        return (int) image.segments().get(segment).pageCount(image.pageSize());
    }

    /** Pages in all destinations together. */
    public long totalPages() {
        long n = 0;
        for (int i = 0; i < image.segments().size(); i++) {
            n += pageCount(i);
        }
        return n;
    }

    /** Where page {@code page} of segment {@code segment} is put by the load (crash: its destination). */
    public long sourcePage(int segment, int page) {
        if (sourceOf == null) {
            return image.segments().get(segment).mem() + (long) page * image.pageSize();
        }
        return sourceOf[segment][page];
    }

    /** Entry number of that page's SOURCE entry, or -1 for a crash image. */
    public int sourceEntry(int segment, int page) {
        return slotOf == null ? -1 : slotOf[segment][page];
    }

    /** Entry number of segment {@code segment}'s DESTINATION entry, or -1 for a crash image. */
    public int destinationEntry(int segment) {
        return destinationEntry == null ? -1 : destinationEntry[segment];
    }

    /**
     * Fills {@code buf[0..pageSize)} with page {@code page} of segment {@code segment} as it
     * must end up in the destination: the segment's bytes, then zeros.
     */
    public void pageContents(int segment, int page, byte[] buf) {
        Segment s = image.segments().get(segment);
        int size = image.pageSize();
        long offset = (long) page * size;
        long avail = Math.max(0, Math.min(size, s.bufsz() - offset));
        if (avail > 0) {
            s.data().read(offset, buf, 0, (int) avail);
        }
        Arrays.fill(buf, (int) avail, size, (byte) 0);
    }

    /** Writes the indirection pages (the list: metadata, not image data). */
    public void writeList(GuestMemory memory) {
        list.write(memory);
    }

    /**
     * Writes every page's contents where the load put it: source pages for a default
     * image, the destinations themselves for a crash image (image data, not list).
     */
    public void writeSourcePages(GuestMemory memory) {
        byte[] buf = new byte[image.pageSize()];
        for (int i = 0; i < image.segments().size(); i++) {
            for (int k = 0, n = pageCount(i); k < n; k++) {
                pageContents(i, k, buf);
                memory.write(sourcePage(i, k), buf, 0, buf.length);
            }
        }
    }

    /** {@link #writeList} then {@link #writeSourcePages}. */
    public void writeTo(GuestMemory memory) {
        writeList(memory);
        writeSourcePages(memory);
    }

    /** The oracle: what memory must hold after relocation. */
    public RelocationOracle oracle() {
        return new RelocationOracle(this);
    }

    /** A plain-words description of the list, entry by entry. */
    public ListDescription description() {
        return new ListDescription(this);
    }

    @Override
    public String toString() {
        return String.format("LoadedImage{%s, head 0x%x, control 0x%x, swap 0x%x, %d indirection pages}",
                image, head(), controlPage, swapPage, list.pageCount());
    }
}
