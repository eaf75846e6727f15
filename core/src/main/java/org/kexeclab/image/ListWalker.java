package org.kexeclab.image;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.engine.GuestMemory;

/**
 * Reads an indirection list back from guest memory in the kernel's walk order (the head
 * first, then word after word, following INDIRECTION entries; each entry tested
 * DESTINATION, INDIRECTION, DONE, SOURCE; an entry with no flag skipped), an indirection
 * page at a time into one reused buffer. Used by tests, traces and the pure-Java relocation.
 */
public final class ListWalker {
    /** The list address reported for the head, which lives in no page. */
    public static final long HEAD = -1L;

    private final GuestMemory memory;
    private final int wordSize;
    private final ByteOrder byteOrder;
    private final int pageSize;
    private final long maxEntries;
    private final byte[] page;
    private long pageAddress = -1;

    /**
     * @param maxEntries entries after which the walk is declared a loop
     */
    public ListWalker(GuestMemory memory, int wordSize, ByteOrder byteOrder, int pageSize, long maxEntries) {
        this.memory = memory;
        this.wordSize = wordSize;
        this.byteOrder = byteOrder;
        this.pageSize = pageSize;
        this.maxEntries = maxEntries;
        this.page = new byte[pageSize];
    }

    /** A walker for {@code arch}'s entries with a bound of 2^24 entries (a 64 GiB image). */
    public ListWalker(GuestMemory memory, Arch arch) {
        this(memory, arch.wordSize(), arch.byteOrder(), arch.pageSize(), 1L << 24);
    }

    /** Receives each entry the walk reads, without allocation. */
    @FunctionalInterface
    public interface Visitor {
        /**
         * @param listAddress where the entry was read ({@link #HEAD} for the head)
         * @param entry       the raw entry
         * @param kind        what it says
         * @param destination the current destination before this entry acts
         */
        void entry(long listAddress, long entry, EntryKind kind, long destination);
    }

    /** Walks from {@code head} to DONE; returns the number of entries read (head included). */
    public long walk(long head, Visitor visitor) {
        long mask = -(long) pageSize & (wordSize == 8 ? -1L : 0xffff_ffffL);
        long entry = head;
        long listAddress = HEAD;
        long ptr = HEAD;
        long destination = 0;
        pageAddress = -1;
        for (long count = 1; ; count++) {
            EntryKind kind = EntryKind.of(entry);
            visitor.entry(listAddress, entry, kind, destination);
            switch (kind) {
                case DESTINATION: destination = entry & mask; break;
                case INDIRECTION: ptr = entry & mask; break;
                case DONE: return count;
                case SOURCE: destination += pageSize; break;
                default: break;
            }
            if (ptr == HEAD) {
                throw new MalformedListException(entry, String.format(
                        "the list head 0x%x is neither an INDIRECTION nor a DONE entry, so there is no page to read", entry));
            }
            if (count >= maxEntries) {
                throw new MalformedListException(ptr, String.format(
                        "the list did not reach DONE within %d entries (last read at 0x%x): it loops", maxEntries, listAddress));
            }
            listAddress = ptr;
            entry = readWord(ptr);
            ptr += wordSize;
        }
    }

    private long readWord(long address) {
        long base = address & -(long) pageSize;
        if (base != pageAddress) {
            memory.read(base, page, 0, pageSize);
            pageAddress = base;
        }
        int off = (int) (address - base);
        long v = 0;
        for (int i = 0; i < wordSize; i++) {
            int b = page[off + (byteOrder == ByteOrder.LITTLE_ENDIAN ? wordSize - 1 - i : i)] & 0xff;
            v = (v << 8) | b;
        }
        return v;
    }

    /** One entry as read by {@link #decode}. */
    public record WalkedEntry(long listAddress, long entry, EntryKind kind, long destination) {
    }

    /** One page copy the walk asks for: SOURCE page to destination. */
    public record PageCopy(long source, long destination) {
    }

    /** Every entry from {@code head} to DONE. */
    public List<WalkedEntry> decode(long head) {
        List<WalkedEntry> out = new ArrayList<>();
        walk(head, (a, e, k, d) -> out.add(new WalkedEntry(a, e, k, d)));
        return out;
    }

    /** The page copies the list asks for, in walk order. */
    public List<PageCopy> copies(long head) {
        long mask = -(long) pageSize & (wordSize == 8 ? -1L : 0xffff_ffffL);
        List<PageCopy> out = new ArrayList<>();
        walk(head, (a, e, k, d) -> {
            if (k == EntryKind.SOURCE) {
                out.add(new PageCopy(e & mask, d));
            }
        });
        return out;
    }
}
