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
 * The hooks installed on one {@link InterpCpu}, kept in plain arrays so that firing them
 * allocates nothing. The public flags ({@link #code}, {@link #block}, {@link #memoryRead},
 * {@link #memoryWrite}) let the run loop and the bus skip all hook work when none is installed.
 */
final class HookTable {
    private static final int CODE = 0;
    private static final int BLOCK = 1;
    private static final int MEMORY = 2;
    private static final int INVALID = 3;
    private static final int INTERRUPT = 4;

    /** True while a code hook is installed. */
    boolean code;
    /** True while a block hook is installed. */
    boolean block;
    /** True while a memory hook watches reads. */
    boolean memoryRead;
    /** True while a memory hook watches writes. */
    boolean memoryWrite;

    private Entry[] entries = new Entry[0];

    /** One installed hook; its handle. */
    final class Entry implements HookHandle {
        final int kind;
        final Object callback;
        final int accesses;
        final long begin;
        final long end;
        boolean installed = true;

        Entry(int kind, Object callback, int accesses, long begin, long end) {
            this.kind = kind;
            this.callback = callback;
            this.accesses = accesses;
            this.begin = begin;
            this.end = end;
        }

        boolean covers(long address) {
            // addresses compare unsigned, as Unicorn's uint64_t hook ranges do: [x, -1] is "x and up"
            return Long.compareUnsigned(begin, end) > 0
                    || (Long.compareUnsigned(address, begin) >= 0 && Long.compareUnsigned(address, end) <= 0);
        }

        /** True if this hook's range shares an address with {@code [from, to]} (unsigned, from <= to). */
        boolean touches(long from, long to) {
            return Long.compareUnsigned(begin, end) > 0
                    || Long.compareUnsigned(to, begin) >= 0 && Long.compareUnsigned(from, end) <= 0;
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
        return add(new Entry(CODE, hook, 0, begin, end));
    }

    HookHandle addBlock(BlockHook hook, long begin, long end) {
        return add(new Entry(BLOCK, hook, 0, begin, end));
    }

    HookHandle addMemory(MemoryHook hook, int accesses, long begin, long end) {
        if ((accesses & ~(Perm.READ | Perm.WRITE)) != 0 || accesses == 0) {
            throw new IllegalArgumentException("a memory hook watches Perm.READ and/or Perm.WRITE, not 0x"
                    + Integer.toHexString(accesses));
        }
        return add(new Entry(MEMORY, hook, accesses, begin, end));
    }

    HookHandle addInvalid(InvalidMemoryHook hook, long begin, long end) {
        return add(new Entry(INVALID, hook, 0, begin, end));
    }

    HookHandle addInterrupt(InterruptHook hook) {
        return add(new Entry(INTERRUPT, hook, 0, 1, 0));
    }

    private Entry add(Entry e) {
        entries = Arrays.copyOf(entries, entries.length + 1);
        entries[entries.length - 1] = e;
        refreshFlags();
        return e;
    }

    private void removeEntry(Entry e) {
        Entry[] next = new Entry[entries.length - 1];
        int n = 0;
        for (Entry x : entries) {
            if (x != e) {
                next[n++] = x;
            }
        }
        entries = next;
        refreshFlags();
    }

    /** Uninstalls every hook (the CPU closed). */
    void clear() {
        for (Entry e : entries) {
            e.installed = false;
        }
        entries = new Entry[0];
        refreshFlags();
    }

    private void refreshFlags() {
        code = false;
        block = false;
        memoryRead = false;
        memoryWrite = false;
        for (Entry e : entries) {
            code |= e.kind == CODE;
            block |= e.kind == BLOCK;
            memoryRead |= e.kind == MEMORY && (e.accesses & Perm.READ) != 0;
            memoryWrite |= e.kind == MEMORY && (e.accesses & Perm.WRITE) != 0;
        }
    }

    /** True if an interrupt hook is installed. */
    boolean hasInterrupt() {
        for (Entry e : entries) {
            if (e.kind == INTERRUPT) {
                return true;
            }
        }
        return false;
    }

    /** True if a code or block hook covers an address of {@code [begin, end]} (inclusive, unsigned). */
    boolean codeOrBlockTouches(long begin, long end) {
        for (Entry e : entries) {
            if ((e.kind == CODE || e.kind == BLOCK) && e.touches(begin, end)) {
                return true;
            }
        }
        return false;
    }

    /** True if a memory hook watching {@code bit} ({@link Perm#READ} or WRITE) covers an address of {@code [begin, end]}. */
    boolean memoryTouches(int bit, long begin, long end) {
        for (Entry e : entries) {
            if (e.kind == MEMORY && (e.accesses & bit) != 0 && e.touches(begin, end)) {
                return true;
            }
        }
        return false;
    }

    void code(long address, int size) {
        Entry[] es = entries;
        for (Entry e : es) {
            if (e.kind == CODE && e.installed && e.covers(address)) {
                ((CodeHook) e.callback).instruction(address, size);
            }
        }
    }

    /** True if a block hook covers {@code address} (so the block's size is worth computing). */
    boolean blockCovers(long address) {
        for (Entry e : entries) {
            if (e.kind == BLOCK && e.covers(address)) {
                return true;
            }
        }
        return false;
    }

    void block(long address, int size) {
        Entry[] es = entries;
        for (Entry e : es) {
            if (e.kind == BLOCK && e.installed && e.covers(address)) {
                ((BlockHook) e.callback).block(address, size);
            }
        }
    }

    void memory(MemoryAccess access, long address, int size, long value) {
        int bit = access == MemoryAccess.WRITE ? Perm.WRITE : Perm.READ;
        Entry[] es = entries;
        for (Entry e : es) {
            if (e.kind == MEMORY && e.installed && (e.accesses & bit) != 0 && e.covers(address)) {
                ((MemoryHook) e.callback).access(access, address, size, value);
            }
        }
    }

    /** Asks the invalid-memory hooks; true if one fixed the cause (retry the access). */
    boolean invalidMemory(MemoryAccess access, long address, int size, long value) {
        boolean retry = false;
        Entry[] es = entries;
        for (Entry e : es) {
            if (e.kind == INVALID && e.installed && e.covers(address)) {
                retry |= ((InvalidMemoryHook) e.callback).fault(access, address, size, value);
            }
        }
        return retry;
    }

    void interrupt(int number) {
        Entry[] es = entries;
        for (Entry e : es) {
            if (e.kind == INTERRUPT && e.installed) {
                ((InterruptHook) e.callback).interrupt(number);
            }
        }
    }
}
