package org.kexeclab.engine.interp;

import java.util.Arrays;
import org.kexeclab.engine.BlockHook;
import org.kexeclab.engine.CodeHook;
import org.kexeclab.engine.HookHandle;
import org.kexeclab.engine.InterruptHook;
import org.kexeclab.engine.InvalidMemoryHook;
import org.kexeclab.engine.MemoryAccess;
import org.kexeclab.engine.MemoryHook;
import org.kexeclab.engine.Perm;

/**
 * The hooks installed on one {@link InterpCpu}, kept in one plain array per kind so that firing
 * them allocates nothing, boxes nothing and visits only hooks of the kind being fired. A hook's
 * range is kept as {@code begin} and {@code span = end - begin}, so "covers" is one unsigned
 * compare ({@code address - begin <= span}); a wrapped range ({@code begin > end}, Unicorn's "all
 * addresses") has {@code begin = 0, span = -1}. The flags ({@link #code}, {@link #block},
 * {@link #memoryRead}, {@link #memoryWrite}) let the run loop and the bus skip all hook work when
 * none is installed. A hook closed from inside a callback is not fired again, even later in the
 * same dispatch (the dispatch walks the array it started with and checks {@code installed}).
 */
final class HookTable {
    private static final Entry[] NONE = new Entry[0];

    /** True while a code hook is installed. */
    boolean code;
    /** True while a block hook is installed. */
    boolean block;
    /** True while a memory hook watches reads. */
    boolean memoryRead;
    /** True while a memory hook watches writes. */
    boolean memoryWrite;
    private boolean interruptHooked;

    private Entry[] codeHooks = NONE;
    private Entry[] blockHooks = NONE;
    private Entry[] memoryHooks = NONE;
    private Entry[] invalidHooks = NONE;
    private Entry[] interruptHooks = NONE;

    /** The hook kinds; each owns one array of the table. */
    private enum Kind { CODE, BLOCK, MEMORY, INVALID, INTERRUPT }

    /** One installed hook; its handle. */
    final class Entry implements HookHandle {
        final Kind kind;
        final Object callback;
        final int accesses;
        final long begin;
        final long span;
        boolean installed = true;

        Entry(Kind kind, Object callback, int accesses, long begin, long end) {
            this.kind = kind;
            this.callback = callback;
            this.accesses = accesses;
            // addresses compare unsigned, as Unicorn's uint64_t hook ranges do: [x, y] with x > y is "all"
            boolean all = Long.compareUnsigned(begin, end) > 0;
            this.begin = all ? 0 : begin;
            this.span = all ? -1 : end - begin;
        }

        boolean covers(long address) {
            return Long.compareUnsigned(address - begin, span) <= 0;
        }

        /** True if this hook's range shares an address with {@code [from, to]} (unsigned, from <= to). */
        boolean touches(long from, long to) {
            return covers(from) || Long.compareUnsigned(begin - from, to - from) <= 0;
        }

        @Override
        public void close() {
            if (installed) {
                installed = false;
                removeEntry(this);
            }
        }

        @Override
        public boolean isInstalled() {
            return installed;
        }
    }

    HookHandle addCode(CodeHook hook, long begin, long end) {
        return add(new Entry(Kind.CODE, hook, 0, begin, end));
    }

    HookHandle addBlock(BlockHook hook, long begin, long end) {
        return add(new Entry(Kind.BLOCK, hook, 0, begin, end));
    }

    HookHandle addMemory(MemoryHook hook, int accesses, long begin, long end) {
        if ((accesses & ~(Perm.READ | Perm.WRITE)) != 0 || accesses == 0) {
            throw new IllegalArgumentException("a memory hook watches Perm.READ and/or Perm.WRITE, not 0x"
                    + Integer.toHexString(accesses));
        }
        return add(new Entry(Kind.MEMORY, hook, accesses, begin, end));
    }

    HookHandle addInvalid(InvalidMemoryHook hook, long begin, long end) {
        return add(new Entry(Kind.INVALID, hook, 0, begin, end));
    }

    HookHandle addInterrupt(InterruptHook hook) {
        return add(new Entry(Kind.INTERRUPT, hook, 0, 1, 0));
    }

    private Entry add(Entry e) {
        Entry[] old = array(e.kind);
        Entry[] next = Arrays.copyOf(old, old.length + 1);
        next[old.length] = e;
        setArray(e.kind, next);
        return e;
    }

    private void removeEntry(Entry e) {
        Entry[] old = array(e.kind);
        Entry[] next = new Entry[old.length - 1];
        int n = 0;
        for (Entry x : old) {
            if (x != e) {
                next[n++] = x;
            }
        }
        setArray(e.kind, next.length == 0 ? NONE : next);
    }

    /** Uninstalls every hook (the CPU closed). */
    void clear() {
        for (Kind k : Kind.values()) {
            for (Entry e : array(k)) {
                e.installed = false;
            }
            setArray(k, NONE);
        }
    }

    private Entry[] array(Kind kind) {
        return switch (kind) {
            case CODE -> codeHooks;
            case BLOCK -> blockHooks;
            case MEMORY -> memoryHooks;
            case INVALID -> invalidHooks;
            case INTERRUPT -> interruptHooks;
        };
    }

    /** Replaces one kind's array and recomputes the flags (installing and removing are rare). */
    private void setArray(Kind kind, Entry[] entries) {
        switch (kind) {
            case CODE -> codeHooks = entries;
            case BLOCK -> blockHooks = entries;
            case MEMORY -> memoryHooks = entries;
            case INVALID -> invalidHooks = entries;
            case INTERRUPT -> interruptHooks = entries;
        }
        code = codeHooks.length > 0;
        block = blockHooks.length > 0;
        interruptHooked = interruptHooks.length > 0;
        memoryRead = false;
        memoryWrite = false;
        for (Entry e : memoryHooks) {
            memoryRead |= (e.accesses & Perm.READ) != 0;
            memoryWrite |= (e.accesses & Perm.WRITE) != 0;
        }
    }

    /** True if an interrupt hook is installed. */
    boolean hasInterrupt() {
        return interruptHooked;
    }

    /** True if a code or block hook covers an address of {@code [begin, end]} (inclusive, unsigned). */
    boolean codeOrBlockTouches(long begin, long end) {
        return touches(codeHooks, begin, end) || touches(blockHooks, begin, end);
    }

    /** True if a memory hook watching {@code bit} ({@link Perm#READ} or WRITE) covers an address of {@code [begin, end]}. */
    boolean memoryTouches(int bit, long begin, long end) {
        for (Entry e : memoryHooks) {
            if ((e.accesses & bit) != 0 && e.touches(begin, end)) {
                return true;
            }
        }
        return false;
    }

    private static boolean touches(Entry[] hooks, long begin, long end) {
        for (Entry e : hooks) {
            if (e.touches(begin, end)) {
                return true;
            }
        }
        return false;
    }

    void code(long address, int size) {
        Entry[] es = codeHooks;
        for (int i = 0; i < es.length; i++) {
            Entry e = es[i];
            if (e.installed && e.covers(address)) {
                ((CodeHook) e.callback).instruction(address, size);
            }
        }
    }

    /** True if a block hook covers {@code address} (so the block's size is worth computing). */
    boolean blockCovers(long address) {
        Entry[] es = blockHooks;
        for (int i = 0; i < es.length; i++) {
            if (es[i].covers(address)) {
                return true;
            }
        }
        return false;
    }

    void block(long address, int size) {
        Entry[] es = blockHooks;
        for (int i = 0; i < es.length; i++) {
            Entry e = es[i];
            if (e.installed && e.covers(address)) {
                ((BlockHook) e.callback).block(address, size);
            }
        }
    }

    void memory(MemoryAccess access, long address, int size, long value) {
        int bit = access == MemoryAccess.WRITE ? Perm.WRITE : Perm.READ;
        Entry[] es = memoryHooks;
        for (int i = 0; i < es.length; i++) {
            Entry e = es[i];
            if (e.installed && (e.accesses & bit) != 0 && e.covers(address)) {
                ((MemoryHook) e.callback).access(access, address, size, value);
            }
        }
    }

    /** Asks the invalid-memory hooks; true if one fixed the cause (retry the access). */
    boolean invalidMemory(MemoryAccess access, long address, int size, long value) {
        boolean retry = false;
        Entry[] es = invalidHooks;
        for (int i = 0; i < es.length; i++) {
            Entry e = es[i];
            if (e.installed && e.covers(address)) {
                retry |= ((InvalidMemoryHook) e.callback).fault(access, address, size, value);
            }
        }
        return retry;
    }

    void interrupt(int number) {
        Entry[] es = interruptHooks;
        for (int i = 0; i < es.length; i++) {
            Entry e = es[i];
            if (e.installed) {
                ((InterruptHook) e.callback).interrupt(number);
            }
        }
    }
}
