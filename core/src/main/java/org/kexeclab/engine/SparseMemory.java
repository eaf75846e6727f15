package org.kexeclab.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * Pure-Java guest memory: 4 KiB pages allocated on demand inside explicitly mapped ranges.
 * The oracle and the unit tests use it where no CPU engine is needed; an access outside
 * every mapped range throws {@link GuestMemoryException}, as an engine would fault.
 *
 * <p>Pages that were mapped but never written read as zero and cost no memory.
 */
public final class SparseMemory implements GuestMemory {
    private static final int PAGE_SHIFT = 12;
    private static final int PAGE = 1 << PAGE_SHIFT;

    private final Map<Long, byte[]> pages = new HashMap<>();
    private final Map<Long, Boolean> mapped = new HashMap<>();

    /** Maps {@code [address, address + size)}; both must be page-aligned. */
    public SparseMemory map(long address, long size) {
        if ((address & (PAGE - 1)) != 0 || (size & (PAGE - 1)) != 0 || size <= 0) {
            throw new IllegalArgumentException(String.format(
                    "map 0x%x+0x%x: address and size must be positive multiples of 4 KiB", address, size));
        }
        for (long p = address >>> PAGE_SHIFT, n = size >>> PAGE_SHIFT; n > 0; p++, n--) {
            mapped.put(p, Boolean.TRUE);
        }
        return this;
    }

    /** Number of pages that hold written data (for memory-use checks). */
    public int materializedPages() {
        return pages.size();
    }

    @Override
    public void write(long address, byte[] src, int off, int len) {
        checkRange(address, len);
        int done = 0;
        while (done < len) {
            long a = address + done;
            int inPage = (int) (a & (PAGE - 1));
            int n = Math.min(len - done, PAGE - inPage);
            byte[] page = pages.computeIfAbsent(a >>> PAGE_SHIFT, k -> new byte[PAGE]);
            System.arraycopy(src, off + done, page, inPage, n);
            done += n;
        }
    }

    @Override
    public void read(long address, byte[] dst, int off, int len) {
        checkRange(address, len);
        int done = 0;
        while (done < len) {
            long a = address + done;
            int inPage = (int) (a & (PAGE - 1));
            int n = Math.min(len - done, PAGE - inPage);
            byte[] page = pages.get(a >>> PAGE_SHIFT);
            if (page == null) {
                java.util.Arrays.fill(dst, off + done, off + done + n, (byte) 0);
            } else {
                System.arraycopy(page, inPage, dst, off + done, n);
            }
            done += n;
        }
    }

    private void checkRange(long address, int len) {
        if (len < 0) {
            throw new IllegalArgumentException("negative length " + len);
        }
        if (len == 0) {
            return;
        }
        long last = address + len - 1;
        for (long p = address >>> PAGE_SHIFT; Long.compareUnsigned(p, last >>> PAGE_SHIFT) <= 0; p++) {
            if (!mapped.containsKey(p)) {
                long bad = Math.max(address, p << PAGE_SHIFT);
                throw new GuestMemoryException(bad, String.format(
                        "guest address 0x%x is not mapped (access 0x%x+0x%x)", bad, address, len));
            }
        }
    }
}
