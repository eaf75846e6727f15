package org.kexeclab.engine.unicorn;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import org.kexeclab.engine.BlockHook;
import org.kexeclab.engine.CodeHook;
import org.kexeclab.engine.HookHandle;
import org.kexeclab.engine.InterruptHook;
import org.kexeclab.engine.InvalidMemoryHook;
import org.kexeclab.engine.MemoryAccess;
import org.kexeclab.engine.MemoryHook;
import org.kexeclab.engine.Perm;

/**
 * The hooks of one {@link UnicornCpu}: installs them with {@code uc_hook_add} through the
 * JVM-wide {@link HookTrampolines} (nothing native is allocated per hook), keeps each target
 * strongly reachable while installed and releases its slot when the hook is deleted, catches
 * what callbacks throw (stopping the engine) so {@link UnicornCpu#run} can rethrow it, and runs
 * the CPU's own fault and interrupt hooks that record why a run stopped.
 */
final class UnicornHooks {
    private final UnicornCpu cpu;
    private final Pointer uc;
    /** Where {@code uc_hook_add} writes the new hook's handle: 8 bytes of the CPU's scratch block. */
    private final Pointer handleOut;
    private final List<Installed> installed = new ArrayList<>();
    private final RunRecord record;
    private int userInterruptHooks;
    /** The CPU's fetch guard, or null. */
    private FetchGuard guard;
    private long generation;

    UnicornHooks(UnicornCpu cpu, long uc, RunRecord record, long handleOut) {
        this.cpu = cpu;
        this.uc = new Pointer(uc);
        this.handleOut = new Pointer(handleOut);
        this.record = record;
    }

    /**
     * Installs the CPU's own hooks (they never reach user code): first the architecture's fetch
     * guard ({@link FetchGuard}) when {@code guard} is not null (it must be the first
     * fetch-protection hook), then the fault and interrupt recorders.
     */
    void installRecorders(FetchGuard guard) {
        this.guard = guard;
        if (guard != null) {
            UcCallbacks.EventMem fetch = (u, type, address, size, value, user) -> {
                try {
                    return guard.fetch(address, size);
                } catch (Throwable t) {
                    fail(t);
                    return false;   // unchecked, so never translated
                }
            };
            add(UcConst.UC_HOOK_MEM_FETCH_PROT, fetch, 1, 0, "the fetch guard");
        }
        UcCallbacks.EventMem fault = (u, type, address, size, value, user) -> {
            record.memoryFault(accessOf(type), address, size);
            return false;
        };
        add(UcConst.UC_HOOK_MEM_INVALID, fault, 1, 0, "the fault recorder");
        UcCallbacks.HookIntr intr = (u, intno, user) -> {
            if (guard != null) {
                guard.resync();
            }
            boolean stopping = userInterruptHooks == 0;
            record.exception(intno, stopping);
            if (stopping) {
                UcNative.uc_emu_stop(u);
            }
        };
        add(UcConst.UC_HOOK_INTR, intr, 1, 0, "the interrupt recorder");
    }

    /** Bumped whenever a hook is added or removed, so cached translations can be flushed. */
    long generation() {
        return generation;
    }

    HookHandle onCode(CodeHook hook, long begin, long end) {
        UcCallbacks.HookCode cb = (u, address, size, user) -> {
            try {
                hook.instruction(address, size);
            } catch (Throwable t) {
                fail(t);
            }
        };
        return add(UcConst.UC_HOOK_CODE, cb, begin, end, "a code hook");
    }

    HookHandle onBlock(BlockHook hook, long begin, long end) {
        UcCallbacks.HookCode cb = (u, address, size, user) -> {
            try {
                hook.block(address, size);
            } catch (Throwable t) {
                fail(t);
            }
        };
        return add(UcConst.UC_HOOK_BLOCK, cb, begin, end, "a block hook");
    }

    HookHandle onMemory(MemoryHook hook, int accesses, long begin, long end) {
        if (accesses == 0 || (accesses & ~(Perm.READ | Perm.WRITE)) != 0) {
            throw new IllegalArgumentException(String.format(
                    "memory hook accesses 0x%x: use Perm.READ and/or Perm.WRITE", accesses));
        }
        int type = ((accesses & Perm.READ) != 0 ? UcConst.UC_HOOK_MEM_READ : 0)
                | ((accesses & Perm.WRITE) != 0 ? UcConst.UC_HOOK_MEM_WRITE : 0);
        UcCallbacks.HookMem cb = (u, t, address, size, value, user) -> {
            try {
                hook.access(t == UcConst.UC_MEM_WRITE ? MemoryAccess.WRITE : MemoryAccess.READ,
                        address, size, value);
            } catch (Throwable e) {
                fail(e);
            }
        };
        return add(type, cb, begin, end, "a memory hook");
    }

    HookHandle onInvalidMemory(InvalidMemoryHook hook, long begin, long end) {
        UcCallbacks.EventMem cb = (u, type, address, size, value, user) -> {
            if (type == UcConst.UC_MEM_FETCH_PROT && guard != null && guard.refused(address)) {
                return false;   // the guard's refusal, not a fault: the fetch must stay declined
            }
            try {
                return hook.fault(accessOf(type), address, size, value);
            } catch (Throwable t) {
                fail(t);
                return false;
            }
        };
        return add(UcConst.UC_HOOK_MEM_INVALID, cb, begin, end, "an invalid-memory hook");
    }

    HookHandle onInterrupt(InterruptHook hook) {
        UcCallbacks.HookIntr cb = (u, intno, user) -> {
            try {
                hook.interrupt(intno);
            } catch (Throwable t) {
                fail(t);
            }
        };
        Installed h = add(UcConst.UC_HOOK_INTR, cb, 1, 0, "an interrupt hook");
        h.countsAsInterruptHook = true;
        userInterruptHooks++;
        return h;
    }

    /** Deletes every hook (before {@code uc_close}). */
    void deleteAll() {
        for (Installed h : new ArrayList<>(installed)) {
            h.close();
        }
    }

    private void fail(Throwable t) {
        record.callbackFailed(t);
        UcNative.uc_emu_stop(Pointer.nativeValue(uc));
    }

    private Installed add(int type, Object target, long begin, long end, String what) {
        long slot = HookTrampolines.register(target);
        int err = UcLibrary.variadic().uc_hook_add(uc, handleOut, type, HookTrampolines.trampolineFor(target),
                new Pointer(slot), begin, end);
        if (err != 0) {
            HookTrampolines.release(slot);
        }
        cpu.check(err, String.format("hook_add %s 0x%x..0x%x", what, begin, end));
        Installed h = new Installed(handleOut.getLong(0), slot, target, what);
        installed.add(h);
        generation++;
        return h;
    }

    static MemoryAccess accessOf(int ucMemType) {
        switch (ucMemType) {
            case UcConst.UC_MEM_WRITE: case UcConst.UC_MEM_WRITE_UNMAPPED: case UcConst.UC_MEM_WRITE_PROT:
                return MemoryAccess.WRITE;
            case UcConst.UC_MEM_FETCH: case UcConst.UC_MEM_FETCH_UNMAPPED: case UcConst.UC_MEM_FETCH_PROT:
                return MemoryAccess.FETCH;
            default:
                return MemoryAccess.READ;
        }
    }

    /** One installed hook; holds its target (the trampoline's slot is weak) while Unicorn may call it. */
    private final class Installed implements HookHandle {
        private final long hh;
        private final long slot;
        @SuppressWarnings("unused") // the strong reference is the point
        private Object callback;
        private final String what;
        private boolean countsAsInterruptHook;

        Installed(long hh, long slot, Object callback, String what) {
            this.hh = hh;
            this.slot = slot;
            this.callback = callback;
            this.what = what;
        }

        @Override
        public void close() {
            if (callback == null || !cpu.isOpen()) {
                callback = null;
                HookTrampolines.release(slot);
                return;
            }
            int err = UcNative.uc_hook_del(Pointer.nativeValue(uc), hh);
            installed.remove(this);
            HookTrampolines.release(slot);
            callback = null;
            generation++;
            if (countsAsInterruptHook) {
                userInterruptHooks--;
            }
            cpu.check(err, "hook_del " + what);
        }

        @Override
        public boolean isInstalled() {
            return callback != null && cpu.isOpen();
        }
    }
}
