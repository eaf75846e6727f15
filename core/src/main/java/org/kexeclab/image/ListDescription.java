package org.kexeclab.image;

import java.util.Optional;

/**
 * A loaded image's indirection list in plain words, entry by entry, for traces, the CLI
 * and teaching; and the lookup from a list address to the entry there (so a trace can say
 * which entry the stub is reading). Built from the model, not from guest memory.
 */
public final class ListDescription {
    private final LoadedImage loaded;
    private final IndirectionList list;
    private final long pageMask;

    ListDescription(LoadedImage loaded) {
        this.loaded = loaded;
        this.list = loaded.list();
        long wordMask = list.wordSize() == 8 ? -1L : 0xffff_ffffL;
        this.pageMask = -(long) loaded.image().pageSize() & wordMask;
    }

    /** Number of entries (head excluded, DONE included). */
    public int size() {
        return list.entryCount();
    }

    /** The head in words, e.g. {@code head 0x5a002: INDIRECTION -> first indirection page 0x5a000}. */
    public String describeHead() {
        long head = list.head();
        if (EntryKind.of(head) == EntryKind.DONE) {
            return String.format("head 0x%x: DONE, nothing to copy (the segments are already in place)", head);
        }
        return String.format("head 0x%x: INDIRECTION -> first indirection page 0x%x", head, head & pageMask);
    }

    /** Entry {@code n} explained. */
    public ListEntry entry(int n) {
        if (n < 0 || n >= size()) {
            throw new IndexOutOfBoundsException("entry " + n + " is not in a list of " + size() + " entries");
        }
        long value = list.entry(n);
        EntryKind kind = EntryKind.of(value);
        int seg = segmentOf(n);
        int page = -1;
        int pages = seg < 0 ? 0 : loaded.pageCount(seg);
        long destination = -1;
        long segMem = seg < 0 ? 0 : loaded.image().segments().get(seg).mem();
        if (kind == EntryKind.SOURCE && seg >= 0) {
            page = pageOf(seg, n);
            destination = segMem + (long) page * loaded.image().pageSize();
        } else if (kind == EntryKind.DESTINATION) {
            destination = value & pageMask;
        } else {
            seg = -1;
            pages = 0;
        }
        return new ListEntry(n, list.entryAddress(n), value, kind, value & pageMask, seg, page, pages, destination);
    }

    /** {@link #entry(int)} as one sentence. */
    public String describe(int n) {
        return entry(n).describe();
    }

    /** The entry stored at guest address {@code listAddress}, if that is a list slot in use. */
    public Optional<ListEntry> entryAt(long listAddress) {
        int n = list.entryAt(listAddress);
        return n < 0 ? Optional.empty() : Optional.of(entry(n));
    }

    /** Appends the head and every entry, one line each, to {@code out}. */
    public void describeTo(StringBuilder out) {
        out.append(describeHead()).append('\n');
        for (int n = 0; n < size(); n++) {
            out.append(describe(n)).append('\n');
        }
    }

    private int segmentOf(int n) {
        int found = -1;
        for (int i = 0; i < loaded.image().segments().size(); i++) {
            if (loaded.destinationEntry(i) >= 0 && loaded.destinationEntry(i) <= n) {
                found = i;
            }
        }
        return found;
    }

    private int pageOf(int segment, int n) {
        int pages = loaded.pageCount(segment);
        int lo = 0;
        int hi = pages - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int slot = loaded.sourceEntry(segment, mid);
            if (slot == n) {
                return mid;
            }
            if (slot < n) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        throw new IllegalStateException("entry " + n + " is a SOURCE entry of no page of segment " + segment
                + ": the model is inconsistent");
    }
}
