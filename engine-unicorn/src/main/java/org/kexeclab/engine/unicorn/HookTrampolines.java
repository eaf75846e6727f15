package org.kexeclab.engine.unicorn;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Arrays;

/**
 * The only four JNA callbacks the binding ever hands to {@code uc_hook_add}, one per callback
 * shape, shared by every engine of the JVM. Each installed hook is a numbered slot here; the
 * number travels as the hook's {@code user_data} and the trampoline forwards the call to the
 * slot's target (an instance of the same {@link UcCallbacks} shape).
 *
 * <p>Why: JNA allocates a native trampoline (libffi closure, about a KiB with its bookkeeping)
 * for every distinct {@code Callback} object and frees it only when that object is garbage
 * collected, so a callback per hook left native memory behind every {@code close()} until the
 * next collection. With four JVM-wide callbacks nothing native is allocated per CPU or per hook,
 * and closing a hook or a CPU releases its slots at once.
 *
 * <p>Slots hold their targets weakly: the owning {@link UnicornHooks} keeps them strongly while
 * installed, so a CPU dropped without {@code close()} stays collectable (its cleaner then frees
 * the engine) and its slots are recycled on a later registration. A slot number carries a
 * generation in its high half, so a stale number never reaches a recycled slot's new target.
 * Callbacks read the slot table without locking: they run on the thread that owns the CPU,
 * which registered the slot.
 */
final class HookTrampolines {
    /** For {@code UC_HOOK_CODE} and {@code UC_HOOK_BLOCK}. */
    static final UcCallbacks.HookCode CODE = (uc, address, size, user) -> {
        Object t = target(user);
        if (t != null) {
            ((UcCallbacks.HookCode) t).invoke(uc, address, size, user);
        }
    };
    /** For {@code UC_HOOK_INTR}. */
    static final UcCallbacks.HookIntr INTERRUPT = (uc, intno, user) -> {
        Object t = target(user);
        if (t != null) {
            ((UcCallbacks.HookIntr) t).invoke(uc, intno, user);
        }
    };
    /** For {@code UC_HOOK_MEM_READ/WRITE}. */
    static final UcCallbacks.HookMem MEMORY = (uc, type, address, size, value, user) -> {
        Object t = target(user);
        if (t != null) {
            ((UcCallbacks.HookMem) t).invoke(uc, type, address, size, value, user);
        }
    };
    /** For the invalid-memory events ({@code UC_HOOK_MEM_*_UNMAPPED/PROT}); false if the slot is gone. */
    static final UcCallbacks.EventMem EVENT = (uc, type, address, size, value, user) -> {
        Object t = target(user);
        return t != null && ((UcCallbacks.EventMem) t).invoke(uc, type, address, size, value, user);
    };

    private static final ReferenceQueue<Object> COLLECTED = new ReferenceQueue<>();
    private static volatile Slot[] slots = new Slot[64];
    private static int[] free = new int[64];
    private static int freeCount;
    private static int used;
    private static int generation;

    private HookTrampolines() {
    }

    /** The trampoline for a target of one of the {@link UcCallbacks} shapes. */
    static com.sun.jna.Callback trampolineFor(Object target) {
        if (target instanceof UcCallbacks.HookCode) {
            return CODE;
        }
        if (target instanceof UcCallbacks.HookIntr) {
            return INTERRUPT;
        }
        if (target instanceof UcCallbacks.HookMem) {
            return MEMORY;
        }
        if (target instanceof UcCallbacks.EventMem) {
            return EVENT;
        }
        throw new IllegalArgumentException("not a Unicorn hook callback: " + target.getClass().getName());
    }

    /** Gives {@code target} a slot; returns the number to pass as the hook's {@code user_data}. */
    static synchronized long register(Object target) {
        recycleCollected();
        int index = freeCount > 0 ? free[--freeCount] : used++;
        if (index >= slots.length) {
            slots = Arrays.copyOf(slots, slots.length * 2);
        }
        int gen = ++generation & 0x7fffffff;
        slots[index] = new Slot(target, index, gen);
        return ((long) gen << 32) | index;
    }

    /** Frees a slot (its hook was deleted); a number already released is ignored. */
    static synchronized void release(long id) {
        int index = (int) id;
        Slot s = index >= 0 && index < slots.length ? slots[index] : null;
        if (s != null && s.generation == (int) (id >>> 32)) {
            slots[index] = null;
            s.clear();
            pushFree(index);
        }
    }

    /** Slots in use (for tests). */
    static synchronized int inUse() {
        recycleCollected();
        return used - freeCount;
    }

    private static Object target(long id) {
        Slot[] table = slots;
        int index = (int) id;
        Slot s = index >= 0 && index < table.length ? table[index] : null;
        return s != null && s.generation == (int) (id >>> 32) ? s.get() : null;
    }

    private static void recycleCollected() {
        Slot s;
        while ((s = (Slot) COLLECTED.poll()) != null) {
            if (slots[s.index] == s) {
                slots[s.index] = null;
                pushFree(s.index);
            }
        }
    }

    private static void pushFree(int index) {
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = index;
    }

    /** One slot: a weak reference to the target plus its number and generation. */
    private static final class Slot extends WeakReference<Object> {
        final int index;
        final int generation;

        Slot(Object target, int index, int generation) {
            super(target, COLLECTED);
            this.index = index;
            this.generation = generation;
        }
    }
}
