package org.kexeclab.engine.interp;

import org.kexeclab.Arch;
import org.kexeclab.engine.EngineException;
import org.kexeclab.engine.GuestMemoryException;
import org.kexeclab.engine.Perm;

/**
 * The host side of an {@link InterpCpu}'s memory: map, unmap, protect and bulk copies, with the
 * same rules and sentences as the Unicorn engine (page-aligned ranges, no overlapping maps, a
 * bulk access is checked before any byte moves and names the first unmapped address).
 */
final class MemoryMap {
    private static final int OFFSET = GuestBus.PAGE_SIZE - 1;

    private final Arch arch;
    private final PageTable pages;
    private final GuestBus bus;

    MemoryMap(Arch arch, PageTable pages, GuestBus bus) {
        this.arch = arch;
        this.pages = pages;
        this.bus = bus;
    }

    void map(long address, long size, int perms) {
        Perm.check(perms);
        String call = range("mem_map", address, size);
        checkRange(call, address, size);
        for (long a = address; a != address + size; a += GuestBus.PAGE_SIZE) {
            if (pages.get(a >>> GuestBus.PAGE_SHIFT) != null) {
                throw failure(call, "MAP_OVERLAP", String.format("page 0x%x is already mapped", a));
            }
        }
        for (long a = address; a != address + size; a += GuestBus.PAGE_SIZE) {
            pages.put(a >>> GuestBus.PAGE_SHIFT, new Page(perms));
        }
        bus.flush();
    }

    void unmap(long address, long size) {
        String call = range("mem_unmap", address, size);
        checkRange(call, address, size);
        requireAllMapped(call, address, size);
        for (long a = address; a != address + size; a += GuestBus.PAGE_SIZE) {
            pages.remove(a >>> GuestBus.PAGE_SHIFT);
        }
        bus.flush();
    }

    void protect(long address, long size, int perms) {
        Perm.check(perms);
        String call = range("mem_protect", address, size) + " " + Perm.toString(perms);
        checkRange(call, address, size);
        requireAllMapped(call, address, size);
        for (long a = address; a != address + size; a += GuestBus.PAGE_SIZE) {
            pages.get(a >>> GuestBus.PAGE_SHIFT).perms = perms;
        }
        bus.flush();
    }

    void write(long address, byte[] src, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, src.length);
        requireMapped(address, len, "write");
        for (int done = 0; done < len; ) {
            long a = address + done;
            int o = (int) a & OFFSET;
            int n = Math.min(len - done, GuestBus.PAGE_SIZE - o);
            System.arraycopy(src, off + done, pages.get(a >>> GuestBus.PAGE_SHIFT).data, o, n);
            done += n;
        }
    }

    void read(long address, byte[] dst, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, dst.length);
        requireMapped(address, len, "read");
        for (int done = 0; done < len; ) {
            long a = address + done;
            int o = (int) a & OFFSET;
            int n = Math.min(len - done, GuestBus.PAGE_SIZE - o);
            System.arraycopy(pages.get(a >>> GuestBus.PAGE_SHIFT).data, o, dst, off + done, n);
            done += n;
        }
    }

    /** Throws {@link GuestMemoryException} naming the first unmapped byte of the range. */
    private void requireMapped(long address, long len, String what) {
        if (len < 0) {
            throw new IllegalArgumentException("negative length " + len);
        }
        long a = address;
        long end = address + len;
        while (a != end) {
            if (pages.get(a >>> GuestBus.PAGE_SHIFT) == null) {
                throw new GuestMemoryException(a, String.format(
                        "guest address 0x%x is not mapped (%s 0x%x+0x%x)", a, what, address, len));
            }
            long next = (a | OFFSET) + 1;
            a = Long.compareUnsigned(end - a, next - a) <= 0 ? end : next;
        }
    }

    private void requireAllMapped(String call, long address, long size) {
        for (long a = address; a != address + size; a += GuestBus.PAGE_SIZE) {
            if (pages.get(a >>> GuestBus.PAGE_SHIFT) == null) {
                throw failure(call, "NOMEM", String.format("page 0x%x is not mapped", a));
            }
        }
    }

    private void checkRange(String call, long address, long size) {
        if ((address & OFFSET) != 0 || (size & OFFSET) != 0 || size <= 0) {
            throw failure(call, "ARG", "address and size must be positive multiples of 4 KiB");
        }
        if (address + size != 0 && Long.compareUnsigned(address + size, address) < 0) {
            throw failure(call, "ARG", "the range wraps past the top of the address space");
        }
    }

    private EngineException failure(String call, String error, String why) {
        return new EngineException(String.format("%s failed on %s: %s (%s)", call, arch, why, error), error, -1);
    }

    private static String range(String call, long address, long size) {
        return String.format("%s 0x%x+0x%x", call, address, size);
    }
}
