package org.kexeclab.viewer;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kexeclab.engine.GuestMemory;

/**
 * The contents of the classified pages ({@link PageRoles}) when recording starts: what the
 * viewer's hex view starts from before it replays the recorded stores, and what a store is
 * compared with to be written down as "the bytes that were at address B" instead of the bytes
 * themselves (a page copy then costs a few bytes in the file, not a page). Pages that are all
 * zero keep no bytes.
 */
final class MemorySnapshot {
    private static final byte[] ZERO = new byte[0];

    private final int pageSize;
    private final Map<Long, byte[]> pages = new HashMap<>();

    private MemorySnapshot(int pageSize) {
        this.pageSize = pageSize;
    }

    /** Reads every page of {@code roles} from {@code memory}. */
    static MemorySnapshot capture(GuestMemory memory, PageRoles roles) {
        MemorySnapshot s = new MemorySnapshot(roles.pageSize());
        byte[] buf = new byte[roles.pageSize()];
        for (PageRoles.Page p : roles.pages()) {
            memory.read(p.number() * roles.pageSize(), buf, 0, buf.length);
            s.pages.put(p.number(), allZero(buf) ? ZERO : buf.clone());
        }
        return s;
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** True if page {@code number} was captured. */
    boolean has(long number) {
        return pages.containsKey(number);
    }

    /** True if page {@code number} was captured and is all zero. */
    boolean isZero(long number) {
        return pages.get(number) == ZERO;
    }

    /** The captured bytes of page {@code number} (all zero pages included), or null. */
    byte[] bytes(long number) {
        byte[] b = pages.get(number);
        return b == ZERO ? new byte[pageSize] : b;
    }

    /**
     * True if the {@code len} bytes of {@code data} from {@code off} equal the captured bytes
     * at {@code address}, every one of which must lie in a captured page.
     */
    boolean matches(long address, byte[] data, int off, int len) {
        int done = 0;
        while (done < len) {
            long a = address + done;
            long number = Long.divideUnsigned(a, pageSize);
            byte[] page = pages.get(number);
            if (page == null) {
                return false;
            }
            int at = (int) Long.remainderUnsigned(a, pageSize);
            int n = Math.min(len - done, pageSize - at);
            if (page == ZERO) {
                for (int i = 0; i < n; i++) {
                    if (data[off + done + i] != 0) {
                        return false;
                    }
                }
            } else if (!Arrays.equals(page, at, at + n, data, off + done, off + done + n)) {
                return false;
            }
            done += n;
        }
        return true;
    }

    /** Bytes of the pages in {@code numbers} that are not all zero. */
    long nonZeroBytes(List<Long> numbers) {
        long n = 0;
        for (long k : numbers) {
            byte[] b = pages.get(k);
            n += b == null || b == ZERO ? 0 : pageSize;
        }
        return n;
    }
}
