package org.kexeclab.image;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What guest memory must hold after the relocation stub has run, computed in Java from the
 * loaded image: every destination holds its segment's {@code bufsz} bytes followed by
 * zeros up to {@code memsz}; after a swap-style relocation (preserve context) every
 * source page holds what its destination held before.
 *
 * <p>Not thread-safe (it reuses one page buffer).
 */
public final class RelocationOracle {
    private final LoadedImage loaded;
    private final int pageSize;
    private final byte[] scratch;

    RelocationOracle(LoadedImage loaded) {
        this.loaded = loaded;
        this.pageSize = loaded.image().pageSize();
        this.scratch = new byte[pageSize];
    }

    /** The loaded image this oracle speaks for. */
    public LoadedImage loaded() {
        return loaded;
    }

    /** The destination ranges, labelled "segment N", in segment order (empty ones left out). */
    public List<AddressRange> destinations() {
        List<AddressRange> out = new ArrayList<>();
        List<Segment> segs = loaded.image().segments();
        for (int i = 0; i < segs.size(); i++) {
            if (segs.get(i).memsz() != 0) {
                out.add(AddressRange.of(segs.get(i).mem(), segs.get(i).memsz(), "segment " + i));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Fills {@code buf[0..pageSize)} with what page {@code page} of {@code segment}'s destination must hold. */
    public void expectedDestinationPage(int segment, int page, byte[] buf) {
        loaded.pageContents(segment, page, buf);
    }

    /**
     * Fills {@code dst[off..off+len)} with the bytes expected at {@code address} after
     * relocation; the range must lie inside one destination.
     *
     * @throws IllegalArgumentException if it does not
     */
    public void expectedBytes(long address, byte[] dst, int off, int len) {
        int seg = segmentContaining(address, address + len);
        long mem = loaded.image().segments().get(seg).mem();
        int done = 0;
        while (done < len) {
            long offset = address + done - mem;
            int page = (int) (offset / pageSize);
            int inPage = (int) (offset % pageSize);
            int n = Math.min(len - done, pageSize - inPage);
            loaded.pageContents(seg, page, scratch);
            System.arraycopy(scratch, inPage, dst, off + done, n);
            done += n;
        }
    }

    /**
     * Fills {@code buf} with what source page {@code page} of {@code segment} must hold after
     * a swap-style relocation: what the destination held before ({@code before}), or the new
     * contents if the page is its own destination.
     */
    public void expectedSwappedSourcePage(int segment, int page, DestinationSnapshot before, byte[] buf) {
        long dest = loaded.image().segments().get(segment).mem() + (long) page * pageSize;
        if (loaded.sourcePage(segment, page) == dest) {
            loaded.pageContents(segment, page, buf);
        } else {
            before.page(segment, page, buf);
        }
    }

    private int segmentContaining(long from, long to) {
        List<Segment> segs = loaded.image().segments();
        for (int i = 0; i < segs.size(); i++) {
            Segment s = segs.get(i);
            if (Long.compareUnsigned(from, s.mem()) >= 0 && Long.compareUnsigned(to, s.mend()) <= 0) {
                return i;
            }
        }
        throw new IllegalArgumentException(String.format(
                "[0x%x, 0x%x) is not inside one destination range %s", from, to, destinations()));
    }
}
