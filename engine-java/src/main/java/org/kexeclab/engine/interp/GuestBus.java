package org.kexeclab.engine.interp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.kexeclab.engine.MemoryAccess;
import org.kexeclab.engine.Perm;

/**
 * Guest memory as an {@link IsaCore} sees it: sparse 4 KiB pages with permissions, reached
 * through three small direct-mapped TLBs (fetch, read, write) of page arrays, with loads and
 * stores in the CPU's byte order. Addresses are physical while no {@link Translation} is set
 * (the core applies its own address rules, 32-bit wrap, real-mode masking, before calling);
 * while a core's paging is on it sets one, and the TLBs then map the virtual page to the
 * physical page's bytes, so a hit costs exactly what it costs with paging off: the walk runs
 * only when a TLB entry is filled. Hooks see the address the core used (virtual, as Unicorn's);
 * a walk that faults is reported as a fault at that address (unmapped, or protected), without
 * asking the invalid-memory hooks, which map physical memory.
 *
 * <p>An access to unmapped or protected memory first asks the invalid-memory hooks (one may map
 * the page and ask for a retry), then records the fault ({@link #faultAddress()} etc.) and throws
 * the shared {@link MemoryFault}. Memory hooks fire after each successful load, and for a store
 * once it is known to succeed but before its bytes change (as Unicorn's do), so a hook that reads
 * the address sees the bytes the store replaces. None of the accessors allocate.
 */
public final class GuestBus {
    /** Page size in bytes. */
    public static final int PAGE_SIZE = 4096;
    static final int PAGE_SHIFT = 12;
    private static final int OFFSET = PAGE_SIZE - 1;
    private static final int TLB = 64;

    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * Thrown by an access that faults. One shared instance without a stack trace: catching it
     * is the run loop's job; the details are in the bus ({@link #faultAddress()} etc.).
     */
    public static final class MemoryFault extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final MemoryFault INSTANCE = new MemoryFault();

        private MemoryFault() {
            super("guest memory fault", null, false, false);
        }
    }

    /**
     * A core's address translation (its page-table walk), asked only when a TLB entry is filled
     * or a quiet lookup misses. Installing, removing or changing one must be followed by
     * {@link #translation(Translation)} (which flushes the TLBs), as a CR3 write flushes a real TLB.
     */
    public interface Translation {
        /** {@link #translate}'s answer for an address no entry maps: reported as an access to unmapped memory. */
        long NOT_PRESENT = -1;
        /** {@link #translate}'s answer for an access the entries forbid: reported as a protection fault. */
        long PROTECTED = -2;

        /**
         * The physical address {@code address} maps to for {@code access}, or {@link #NOT_PRESENT}
         * or {@link #PROTECTED} if the walk faults. {@code quiet} walks change no memory (no
         * accessed or dirty bits) and are for hooks and instruction sizing only.
         */
        long translate(long address, MemoryAccess access, boolean quiet);
    }

    private final PageTable pages;
    private final HookTable hooks;
    private Translation translation;
    private boolean faultTranslation;
    private final long[] fetchTag = new long[TLB];
    private final byte[][] fetchPage = new byte[TLB][];
    private final long[] readTag = new long[TLB];
    private final byte[][] readPage = new byte[TLB][];
    private final long[] writeTag = new long[TLB];
    private final byte[][] writePage = new byte[TLB][];
    private boolean bigEndian = true;

    private long faultAddress = -1;
    private MemoryAccess faultAccess;
    private int faultSize;
    private boolean faultUnmapped;

    GuestBus(PageTable pages, HookTable hooks) {
        this.pages = pages;
        this.hooks = hooks;
        flush();
    }

    /** Sets the byte order of loads, stores and instruction fetches. */
    public void bigEndian(boolean big) {
        this.bigEndian = big;
    }

    /** True if loads and stores are big-endian. */
    public boolean isBigEndian() {
        return bigEndian;
    }

    /**
     * Sets the translation virtual addresses go through from now on (null: addresses are
     * physical) and forgets every cached page, as a page-table switch does.
     */
    public void translation(Translation t) {
        this.translation = t;
        flush();
    }

    /** The bytes of the physical page holding {@code address}, or null if it is not mapped: no translation, no hook. */
    public byte[] physicalPage(long address) {
        Page p = pages.get(address >>> PAGE_SHIFT);
        return p == null ? null : p.data;
    }

    /** Forgets every cached page (after map, unmap or protect). */
    void flush() {
        java.util.Arrays.fill(fetchTag, -1L);
        java.util.Arrays.fill(readTag, -1L);
        java.util.Arrays.fill(writeTag, -1L);
        java.util.Arrays.fill(fetchPage, null);
        java.util.Arrays.fill(readPage, null);
        java.util.Arrays.fill(writePage, null);
    }

    // ---- page lookup -------------------------------------------------------------------

    private byte[] fetchPageOf(long address, int size) {
        long pn = address >>> PAGE_SHIFT;
        int i = (int) pn & (TLB - 1);
        if (fetchTag[i] == pn) {
            return fetchPage[i];
        }
        byte[] p = resolve(address, size, MemoryAccess.FETCH, Perm.EXEC, 0);
        fetchTag[i] = pn;
        fetchPage[i] = p;
        return p;
    }

    private byte[] readPageOf(long address, int size) {
        long pn = address >>> PAGE_SHIFT;
        int i = (int) pn & (TLB - 1);
        if (readTag[i] == pn) {
            return readPage[i];
        }
        byte[] p = resolve(address, size, MemoryAccess.READ, Perm.READ, 0);
        readTag[i] = pn;
        readPage[i] = p;
        return p;
    }

    private byte[] writePageOf(long address, int size, long value) {
        long pn = address >>> PAGE_SHIFT;
        int i = (int) pn & (TLB - 1);
        if (writeTag[i] == pn) {
            return writePage[i];
        }
        byte[] p = resolve(address, size, MemoryAccess.WRITE, Perm.WRITE, value);
        writeTag[i] = pn;
        writePage[i] = p;
        return p;
    }

    /** The page of {@code address} if it allows {@code perm}; else asks the hooks, then faults. */
    private byte[] resolve(long address, int size, MemoryAccess access, int perm, long value) {
        while (true) {
            long physical = address;
            if (translation != null) {
                physical = translation.translate(address, access, false);
                if (physical < 0) {
                    recordFault(address, access, size, physical == Translation.NOT_PRESENT);
                    faultTranslation = true;
                    throw MemoryFault.INSTANCE;
                }
            }
            Page p = pages.get(physical >>> PAGE_SHIFT);
            if (p != null && (p.perms & perm) != 0) {
                return p.data;
            }
            if (!hooks.invalidMemory(access, address, size, value)) {
                recordFault(address, access, size, p == null);
                throw MemoryFault.INSTANCE;
            }
        }
    }

    private void recordFault(long address, MemoryAccess access, int size, boolean unmapped) {
        faultAddress = address;
        faultAccess = access;
        faultSize = size;
        faultUnmapped = unmapped;
        faultTranslation = false;
    }

    /**
     * The page (virtual while a translation is set) of {@code address} if it allows {@code perm},
     * looked up quietly: a quiet walk, no fault, no hook.
     */
    private Page quietPage(long address, MemoryAccess access) {
        long physical = address;
        if (translation != null) {
            physical = translation.translate(address, access, true);
            if (physical < 0) {
                return null;
            }
        }
        return pages.get(physical >>> PAGE_SHIFT);
    }

    private static boolean crosses(long address, int size) {
        return ((int) address & OFFSET) > PAGE_SIZE - size;
    }

    // ---- instruction fetch ---------------------------------------------------------------

    /** The 32-bit instruction word at {@code address} in the bus's byte order. */
    public int fetch32(long address) {
        if (crosses(address, 4)) {
            return (int) slowLoad(address, 4, MemoryAccess.FETCH);
        }
        byte[] p = fetchPageOf(address, 4);
        int o = (int) address & OFFSET;
        return bigEndian ? (int) INT_BE.get(p, o) : (int) INT_LE.get(p, o);
    }

    /** The 16-bit halfword at {@code address} as an instruction fetch, in the bus's byte order. */
    public int fetch16(long address) {
        if (crosses(address, 2)) {
            return (int) slowLoad(address, 2, MemoryAccess.FETCH);
        }
        byte[] p = fetchPageOf(address, 2);
        int o = (int) address & OFFSET;
        return (bigEndian ? (short) SHORT_BE.get(p, o) : (short) SHORT_LE.get(p, o)) & 0xffff;
    }

    /** The byte at {@code address} as an instruction fetch. */
    public int fetch8(long address) {
        return fetchPageOf(address, 1)[(int) address & OFFSET] & 0xff;
    }

    /**
     * The 32-bit word at {@code address} if it is mapped executable, else {@code fallback}:
     * no fault, no hook (for {@link IsaCore#blockSize}).
     */
    public long peek32(long address, long fallback) {
        if (crosses(address, 4)) {
            return fallback;
        }
        long pn = address >>> PAGE_SHIFT;
        int i = (int) pn & (TLB - 1);
        byte[] data;
        if (fetchTag[i] == pn) {
            data = fetchPage[i]; // a fetch TLB entry is a mapped executable page (flushed on map/unmap/protect)
        } else {
            Page p = quietPage(address, MemoryAccess.FETCH);
            if (p == null || (p.perms & Perm.EXEC) == 0) {
                return fallback;
            }
            data = p.data;
        }
        int o = (int) address & OFFSET;
        return (bigEndian ? (int) INT_BE.get(data, o) : (int) INT_LE.get(data, o)) & 0xffff_ffffL;
    }

    /**
     * The bytes of the executable page holding {@code address} (read-only to the caller), or
     * null if it is not mapped executable: no fault, no hook, for an ISA that sizes
     * instructions for hooks ({@link IsaCore#instructionSize}, {@link IsaCore#blockSize})
     * straight from the page.
     */
    public byte[] codePage(long address) {
        long pn = address >>> PAGE_SHIFT;
        int i = (int) pn & (TLB - 1);
        if (fetchTag[i] == pn) {
            return fetchPage[i]; // a fetch TLB entry is a mapped executable page (flushed on map/unmap/protect)
        }
        Page p = quietPage(address, MemoryAccess.FETCH);
        return p == null || (p.perms & Perm.EXEC) == 0 ? null : p.data;
    }

    // ---- loads ---------------------------------------------------------------------------

    /** The byte at {@code address}, zero-extended. */
    public int load8(long address) {
        int v = readPageOf(address, 1)[(int) address & OFFSET] & 0xff;
        if (hooks.memoryRead) {
            hooks.memory(MemoryAccess.READ, address, 1, v);
        }
        return v;
    }

    /** The halfword at {@code address}, zero-extended. */
    public int load16(long address) {
        int v;
        if (crosses(address, 2)) {
            v = (int) slowLoad(address, 2, MemoryAccess.READ);
        } else {
            byte[] p = readPageOf(address, 2);
            int o = (int) address & OFFSET;
            v = (bigEndian ? (short) SHORT_BE.get(p, o) : (short) SHORT_LE.get(p, o)) & 0xffff;
        }
        if (hooks.memoryRead) {
            hooks.memory(MemoryAccess.READ, address, 2, v);
        }
        return v;
    }

    /** The word at {@code address}. */
    public int load32(long address) {
        int v;
        if (crosses(address, 4)) {
            v = (int) slowLoad(address, 4, MemoryAccess.READ);
        } else {
            byte[] p = readPageOf(address, 4);
            int o = (int) address & OFFSET;
            v = bigEndian ? (int) INT_BE.get(p, o) : (int) INT_LE.get(p, o);
        }
        if (hooks.memoryRead) {
            hooks.memory(MemoryAccess.READ, address, 4, v & 0xffff_ffffL);
        }
        return v;
    }

    /** The doubleword at {@code address}. */
    public long load64(long address) {
        long v;
        if (crosses(address, 8)) {
            v = slowLoad(address, 8, MemoryAccess.READ);
        } else {
            byte[] p = readPageOf(address, 8);
            int o = (int) address & OFFSET;
            v = bigEndian ? (long) LONG_BE.get(p, o) : (long) LONG_LE.get(p, o);
        }
        if (hooks.memoryRead) {
            hooks.memory(MemoryAccess.READ, address, 8, v);
        }
        return v;
    }

    /** A load that crosses a page: every page is checked before the value is assembled. */
    private long slowLoad(long address, int size, MemoryAccess access) {
        byte[] first = access == MemoryAccess.FETCH ? fetchPageOf(address, size) : readPageOf(address, size);
        long next = (address | OFFSET) + 1;
        byte[] second = access == MemoryAccess.FETCH ? fetchPageOf(next, size) : readPageOf(next, size);
        long v = 0;
        for (int k = 0; k < size; k++) {
            long a = address + k;
            byte[] p = (a ^ address) >>> PAGE_SHIFT == 0 ? first : second;
            int b = p[(int) a & OFFSET] & 0xff;
            v = bigEndian ? v << 8 | b : v | (long) b << (8 * k);
        }
        return v;
    }

    // ---- stores --------------------------------------------------------------------------

    /** Stores the low byte of {@code value}. */
    public void store8(long address, int value) {
        byte[] p = writePageOf(address, 1, value & 0xff);
        if (hooks.memoryWrite) {
            hooks.memory(MemoryAccess.WRITE, address, 1, value & 0xff);
        }
        p[(int) address & OFFSET] = (byte) value;
    }

    /** Stores the low halfword of {@code value}. */
    public void store16(long address, int value) {
        if (crosses(address, 2)) {
            slowStore(address, 2, value & 0xffff);
            return;
        }
        byte[] p = writePageOf(address, 2, value & 0xffff);
        if (hooks.memoryWrite) {
            hooks.memory(MemoryAccess.WRITE, address, 2, value & 0xffff);
        }
        int o = (int) address & OFFSET;
        if (bigEndian) {
            SHORT_BE.set(p, o, (short) value);
        } else {
            SHORT_LE.set(p, o, (short) value);
        }
    }

    /** Stores the word {@code value}. */
    public void store32(long address, int value) {
        if (crosses(address, 4)) {
            slowStore(address, 4, value & 0xffff_ffffL);
            return;
        }
        byte[] p = writePageOf(address, 4, value & 0xffff_ffffL);
        if (hooks.memoryWrite) {
            hooks.memory(MemoryAccess.WRITE, address, 4, value & 0xffff_ffffL);
        }
        int o = (int) address & OFFSET;
        if (bigEndian) {
            INT_BE.set(p, o, value);
        } else {
            INT_LE.set(p, o, value);
        }
    }

    /** Stores the doubleword {@code value}. */
    public void store64(long address, long value) {
        if (crosses(address, 8)) {
            slowStore(address, 8, value);
            return;
        }
        byte[] p = writePageOf(address, 8, value);
        if (hooks.memoryWrite) {
            hooks.memory(MemoryAccess.WRITE, address, 8, value);
        }
        int o = (int) address & OFFSET;
        if (bigEndian) {
            LONG_BE.set(p, o, value);
        } else {
            LONG_LE.set(p, o, value);
        }
    }

    /** Zeroes {@code size} bytes (a cache block, aligned by the caller, inside one page). */
    public void zero(long address, int size) {
        byte[] p = writePageOf(address, size, 0);
        if (hooks.memoryWrite) {
            hooks.memory(MemoryAccess.WRITE, address, size, 0);
        }
        int o = (int) address & OFFSET;
        java.util.Arrays.fill(p, o, o + size, (byte) 0);
    }

    /**
     * Copies {@code bytes} bytes from {@code src} to {@code dst} in one block, if and only if that
     * is exactly what ascending element loads and stores would do: no memory hook is installed,
     * each range lies inside one page that allows the access, and the destination does not start
     * inside the source above it (where element copies would replicate data). Returns false,
     * having done nothing, otherwise; the caller then copies element by element.
     */
    public boolean copyForward(long dst, long src, int bytes) {
        if (hooks.memoryRead || hooks.memoryWrite || bytes <= 0
                || ((int) src & OFFSET) > PAGE_SIZE - bytes || ((int) dst & OFFSET) > PAGE_SIZE - bytes
                || (dst - src > 0 && dst - src < bytes)) {
            return false;
        }
        byte[] from;
        byte[] to;
        if (translation == null) {
            Page f = pages.get(src >>> PAGE_SHIFT);
            Page t = pages.get(dst >>> PAGE_SHIFT);
            if (f == null || t == null || (f.perms & Perm.READ) == 0 || (t.perms & Perm.WRITE) == 0) {
                return false;
            }
            from = f.data;
            to = t.data;
        } else {
            // Only pages an element access has already walked (so accessed and dirty bits are set as it would set them).
            from = cached(readTag, readPage, src);
            to = cached(writeTag, writePage, dst);
            if (from == null || to == null) {
                return false;
            }
        }
        System.arraycopy(from, (int) src & OFFSET, to, (int) dst & OFFSET, bytes);
        return true;
    }

    /** The TLB entry of {@code address} in {@code tags}/{@code tlb}, or null if it is not cached. */
    private static byte[] cached(long[] tags, byte[][] tlb, long address) {
        long pn = address >>> PAGE_SHIFT;
        int i = (int) pn & (TLB - 1);
        return tags[i] == pn ? tlb[i] : null;
    }

    private void slowStore(long address, int size, long value) {
        long next = (address | OFFSET) + 1;
        byte[] first = writePageOf(address, size, value);
        byte[] second = writePageOf(next, size, value);
        if (hooks.memoryWrite) {
            hooks.memory(MemoryAccess.WRITE, address, size, value);
        }
        for (int k = 0; k < size; k++) {
            long a = address + k;
            byte[] p = (a ^ address) >>> PAGE_SHIFT == 0 ? first : second;
            int shift = bigEndian ? 8 * (size - 1 - k) : 8 * k;
            p[(int) a & OFFSET] = (byte) (value >>> shift);
        }
    }

    // ---- bulk access for loop idioms -------------------------------------------------------

    /**
     * For a loop idiom executed in bulk: the bytes of the page holding {@code address} if it is
     * mapped with {@code perm} ({@link Perm#READ} or {@link Perm#WRITE}) and no memory hook
     * watching that kind of access covers any of the page; else null. Never faults, never fires
     * a hook, so a caller that gets null simply leaves the work to ordinary loads and stores.
     * Goes through the read or write TLB as a load or store would (a big page table is slow).
     */
    public byte[] bulkPage(long address, int perm) {
        long first = address & ~(long) OFFSET;
        if ((perm & Perm.READ) != 0 && hooks.memoryRead && hooks.memoryTouches(Perm.READ, first, first + OFFSET)
                || (perm & Perm.WRITE) != 0 && hooks.memoryWrite && hooks.memoryTouches(Perm.WRITE, first, first + OFFSET)) {
            return null;
        }
        long pn = address >>> PAGE_SHIFT;
        int i = (int) pn & (TLB - 1);
        long[] tags = perm == Perm.READ ? readTag : perm == Perm.WRITE ? writeTag : null;
        byte[][] tlb = perm == Perm.READ ? readPage : writePage;
        if (tags != null && tags[i] == pn) {
            return tlb[i]; // a TLB entry is a page mapped with that permission (flushed on map/unmap/protect)
        }
        if (translation != null) {
            return null;   // only the TLB path walks (and sets accessed and dirty bits) while translating
        }
        Page p = pages.get(pn);
        if (p == null || (p.perms & perm) != perm) {
            return null;
        }
        if (tags != null) {
            tags[i] = pn;
            tlb[i] = p.data;
        }
        return p.data;
    }

    /** True if no code or block hook covers any byte of the loop body {@code [head, head + length)}. */
    public boolean codeUnhooked(long head, int length) {
        return !(hooks.code || hooks.block) || !hooks.codeOrBlockTouches(head, head + length - 1);
    }

    // ---- the last fault ------------------------------------------------------------------

    /** The address of the last fault. */
    public long faultAddress() {
        return faultAddress;
    }

    /** The access kind of the last fault. */
    public MemoryAccess faultAccess() {
        return faultAccess;
    }

    /** The size in bytes of the access that faulted last. */
    public int faultSize() {
        return faultSize;
    }

    /** True if the last fault was the translation's (a page-table walk that faulted), not the memory's (the core's CR2). */
    public boolean faultTranslation() {
        return faultTranslation;
    }

    /** True if the last fault hit unmapped memory, false if a permission was missing. */
    public boolean faultUnmapped() {
        return faultUnmapped;
    }
}
