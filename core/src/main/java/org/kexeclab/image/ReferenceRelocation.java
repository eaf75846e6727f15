package org.kexeclab.image;

import org.kexeclab.Arch;
import org.kexeclab.engine.GuestMemory;

/**
 * The relocation stub's job done in pure Java over any {@link GuestMemory}: walk the list
 * from {@code head} and copy each SOURCE page to the current destination, or (preserve
 * context, on the architectures whose kernels have it) swap the two through the swap page. The
 * reference the emulated stubs are compared with, and the tests' stand-in for a CPU.
 */
public final class ReferenceRelocation {
    private final GuestMemory memory;
    private final ListWalker walker;
    private final int pageSize;
    private final long pageMask;
    private final byte[] a;
    private final byte[] b;

    /** A relocation over {@code memory} with {@code arch}'s entry format. */
    public ReferenceRelocation(GuestMemory memory, Arch arch) {
        this.memory = memory;
        this.walker = new ListWalker(memory, arch);
        this.pageSize = arch.pageSize();
        this.pageMask = -(long) pageSize & (arch.wordSize() == 8 ? -1L : 0xffff_ffffL);
        this.a = new byte[pageSize];
        this.b = new byte[pageSize];
    }

    /** Copies every SOURCE page to its destination; returns the number of pages copied. */
    public long copy(long head) {
        long[] pages = new long[1];
        walker.walk(head, (at, entry, kind, destination) -> {
            if (kind == EntryKind.SOURCE) {
                memory.read(entry & pageMask, a, 0, pageSize);
                memory.write(destination, a, 0, pageSize);
                pages[0]++;
            }
        });
        return pages[0];
    }

    /**
     * Swaps every SOURCE page with its destination through {@code swapPage} (destination to
     * swap, source to destination, swap to source); returns the number of pages swapped.
     */
    public long swap(long head, long swapPage) {
        long[] pages = new long[1];
        walker.walk(head, (at, entry, kind, destination) -> {
            if (kind == EntryKind.SOURCE) {
                long source = entry & pageMask;
                memory.read(destination, a, 0, pageSize);
                memory.write(swapPage, a, 0, pageSize);
                memory.read(source, b, 0, pageSize);
                memory.write(destination, b, 0, pageSize);
                memory.read(swapPage, a, 0, pageSize);
                memory.write(source, a, 0, pageSize);
                pages[0]++;
            }
        });
        return pages[0];
    }
}
