package org.kexeclab.image;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.kexeclab.engine.GuestMemory;

/**
 * The kernel's indirection list as built by {@code kimage_add_entry} and
 * {@code kimage_terminate}: {@code head} plus the indirection pages holding the entries,
 * in machine words of 4 or 8 bytes in the target byte order.
 *
 * <p>Entries are numbered in walk order from 0 (the first slot of the first indirection
 * page); the last slot of every full indirection page is the INDIRECTION link to the next,
 * so an 8-byte list has 511 data slots a 4 KiB page and a 4-byte list 1023. The head is
 * not numbered. Slots after DONE are zero.
 */
public final class IndirectionList {
    /** {@code IND_DESTINATION}. */
    public static final long IND_DESTINATION = 0x1;
    /** {@code IND_INDIRECTION}. */
    public static final long IND_INDIRECTION = 0x2;
    /** {@code IND_DONE}. */
    public static final long IND_DONE = 0x4;
    /** {@code IND_SOURCE}. */
    public static final long IND_SOURCE = 0x8;

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final int wordSize;
    private final ByteOrder byteOrder;
    private final int pageSize;
    private final int slotsPerPage;
    private long head;
    private long[] pages = new long[4];
    private int pageCount;
    private long[] words = new long[0];
    private int cursor = -1;
    private int last = -1;
    private long[] sortedPages;
    private int[] pageOrder;

    IndirectionList(int wordSize, ByteOrder byteOrder, int pageSize) {
        if (wordSize != 4 && wordSize != 8) {
            throw new IllegalArgumentException("entry size must be 4 or 8 bytes, got " + wordSize);
        }
        this.wordSize = wordSize;
        this.byteOrder = byteOrder;
        this.pageSize = pageSize;
        this.slotsPerPage = pageSize / wordSize;
    }

    /** Source of fresh indirection pages during building ({@code kimage_alloc_page(NO_DEST)}). */
    interface PageSource {
        /** A page for the next indirection page. */
        long allocate() throws KexecLoadException;
    }

    /** Appends an entry ({@code kimage_add_entry}); returns its entry number. */
    int add(long entry, PageSource pageSource) throws KexecLoadException {
        if (cursor == last) {
            long page = pageSource.allocate();
            store(cursor, page | IND_INDIRECTION);
            if (pageCount == pages.length) {
                pages = Arrays.copyOf(pages, pageCount * 2);
            }
            pages[pageCount] = page;
            cursor = pageCount * slotsPerPage;
            last = cursor + slotsPerPage - 1;
            pageCount++;
            if (words.length < pageCount * slotsPerPage) {
                words = Arrays.copyOf(words, Math.max(pageCount * slotsPerPage, words.length * 2));
            }
        }
        int n = cursor++;
        words[n] = entry;
        return n;
    }

    /** Ends the list with {@code IND_DONE} ({@code kimage_terminate}). */
    void terminate() {
        store(cursor, IND_DONE);
        cursor++;
    }

    /** Replaces entry {@code n} (the allocator moving a source page). */
    void set(int n, long entry) {
        words[n] = entry;
    }

    private void store(int slot, long value) {
        if (slot < 0) {
            head = value;
        } else {
            words[slot] = value;
        }
    }

    /** The first entry: {@code page | IND_INDIRECTION}, or {@code IND_DONE} for an empty list. */
    public long head() {
        return head;
    }

    /** Bytes per entry: 4 or 8. */
    public int wordSize() {
        return wordSize;
    }

    /** Byte order of the entries in memory. */
    public ByteOrder byteOrder() {
        return byteOrder;
    }

    /** Entries a page holds, link slot included (512 or 1024 for 4 KiB pages). */
    public int slotsPerPage() {
        return slotsPerPage;
    }

    /** Number of indirection pages. */
    public int pageCount() {
        return pageCount;
    }

    /** Address of indirection page {@code i} (in walk order). */
    public long pageAddress(int i) {
        return pages[i];
    }

    /** Entries in walk order up to and including DONE (links included, head excluded). */
    public int entryCount() {
        return Math.max(cursor, 0);
    }

    /** The raw value of entry {@code n}. */
    public long entry(int n) {
        return words[n];
    }

    /** The guest address of entry {@code n}. */
    public long entryAddress(int n) {
        return pages[n / slotsPerPage] + (long) (n % slotsPerPage) * wordSize;
    }

    /** The entry number stored at guest address {@code address}, or -1 if it is not a list slot. */
    public int entryAt(long address) {
        if (sortedPages == null || sortedPages.length != pageCount) {
            indexPages();
        }
        long base = address & -(long) pageSize;
        int lo = 0;
        int hi = pageCount - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Long.compareUnsigned(sortedPages[mid], base);
            if (c == 0) {
                long off = address - base;
                int n = pageOrder[mid] * slotsPerPage + (int) (off / wordSize);
                return off % wordSize == 0 && n < entryCount() ? n : -1;
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }

    /** Sorts the page addresses once, so {@link #entryAt} is a binary search without allocation. */
    private void indexPages() {
        Integer[] order = new Integer[pageCount];
        for (int i = 0; i < pageCount; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compareUnsigned(pages[a], pages[b]));
        long[] sorted = new long[pageCount];
        int[] orderOut = new int[pageCount];
        for (int i = 0; i < pageCount; i++) {
            sorted[i] = pages[order[i]];
            orderOut[i] = order[i];
        }
        pageOrder = orderOut;
        sortedPages = sorted;
    }

    /** Writes every indirection page into {@code memory}, one page per write. */
    public void write(GuestMemory memory) {
        byte[] buf = new byte[pageSize];
        for (int i = 0; i < pageCount; i++) {
            encodePage(i, buf);
            memory.write(pages[i], buf, 0, pageSize);
        }
    }

    /** Encodes indirection page {@code i} into {@code buf} (at least a page long). */
    public void encodePage(int i, byte[] buf) {
        int base = i * slotsPerPage;
        boolean le = byteOrder == ByteOrder.LITTLE_ENDIAN;
        if (wordSize == 8) {
            VarHandle h = le ? LONG_LE : LONG_BE;
            for (int s = 0; s < slotsPerPage; s++) {
                h.set(buf, s << 3, words[base + s]);
            }
        } else {
            VarHandle h = le ? INT_LE : INT_BE;
            for (int s = 0; s < slotsPerPage; s++) {
                h.set(buf, s << 2, (int) words[base + s]);
            }
        }
    }
}
