package org.kexeclab.engine.unicorn;

import com.sun.jna.Pointer;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.kexeclab.Arch;
import org.kexeclab.engine.BlockHook;
import org.kexeclab.engine.CodeHook;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuContext;
import org.kexeclab.engine.EngineException;
import org.kexeclab.engine.HookHandle;
import org.kexeclab.engine.InterruptHook;
import org.kexeclab.engine.InvalidMemoryHook;
import org.kexeclab.engine.MemoryHook;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RegisterSet;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;

/**
 * A {@link Cpu} backed by one Unicorn engine through JNA. Register values and staged memory
 * copies go through one native scratch block allocated at open, so register access and bulk
 * memory transfers allocate nothing. Not thread-safe: one thread owns it.
 */
public final class UnicornCpu implements Cpu {
    private static final Cleaner CLEANER = Cleaner.create();
    /** Offset in the register area of the fetch guard's buffer (the bytes below hold register values). */
    private static final int GUARD_BUFFER = 56;
    /** Offset in the register area where {@code uc_hook_add} writes a new hook's handle. */
    private static final int HOOK_HANDLE = 48;

    private final Arch arch;
    private final RegisterSet registers;
    private final UnicornTarget target;
    /** How Unicorn reaches each register of {@link #registers}, by index; null where it has none. */
    private final UcRegister[] ucRegisters;
    private final UcRegisterAccess registerAccess;
    private final String engineName;
    private final NativeState state;
    private final Cleaner.Cleanable cleanable;
    private final ByteBuffer registerValue;
    private final long registerAddress;
    private final MappedRanges mapped = new MappedRanges();
    private final GuestTransfer memory;
    private final RunRecord record = new RunRecord(this);
    private final UnicornHooks hooks;
    private final Register pcRegister;
    private long uc;
    private final TranslationCache translations;
    /** The last set of registers read together, prepared for one native call. */
    private RegisterBatch batch;
    /** The architecture's fetch guard, or null: with one, pages are mapped without UC_PROT_EXEC. */
    private final FetchGuard guard;

    UnicornCpu(Arch arch, RegisterSet registers, UnicornTarget target, long uc, long scratch, String engineName) {
        this.arch = arch;
        this.registers = registers;
        this.target = target;
        this.engineName = engineName;
        this.uc = uc;
        this.state = new NativeState(uc, scratch);
        ByteBuffer all = new Pointer(scratch).getByteBuffer(0, NativeState.REGISTER_AREA + NativeState.STAGING);
        this.registerValue = all.slice(0, NativeState.REGISTER_AREA).order(ByteOrder.nativeOrder());
        this.registerAddress = scratch;
        this.memory = new GuestTransfer(this, mapped, all.slice(NativeState.REGISTER_AREA, NativeState.STAGING),
                scratch + NativeState.REGISTER_AREA);
        this.pcRegister = registers.pc();
        this.ucRegisters = new UcRegister[registers.all().size()];
        for (Register r : registers.all()) {
            ucRegisters[r.ordinal()] = target.register(r);
        }
        this.registerAccess = new RegisterAccess();
        this.hooks = new UnicornHooks(this, uc, record, scratch + HOOK_HANDLE);
        this.translations = new TranslationCache(this, uc);
        this.guard = target.fetchGuard(new GuardContext(all.slice(GUARD_BUFFER, FetchGuardContext.BUFFER_SIZE),
                scratch + GUARD_BUFFER));
        hooks.installRecorders(guard);
        // Last: if anything above throws, the engine's opener frees uc and scratch, and no cleaner may free them twice.
        this.cleanable = CLEANER.register(this, state);
    }

    @Override
    public Arch arch() {
        return arch;
    }

    @Override
    public String engineName() {
        return engineName;
    }

    @Override
    public RegisterSet registers() {
        return registers;
    }

    @Override
    public void map(long address, long size, int perms) {
        long h = handle();
        Perm.check(perms);
        check(UcNative.uc_mem_map(h, address, size, enginePerms(perms)), range("mem_map", address, size));
        mapped.add(address, size);
        translations.permissions(address, size, perms);
    }

    /** The permissions Unicorn is given: without EXEC under a fetch guard (it checks every fetch instead). */
    private int enginePerms(int perms) {
        return guard == null ? perms : perms & ~Perm.EXEC;
    }

    @Override
    public void unmap(long address, long size) {
        long h = handle();
        translations.permissions(address, size, Perm.NONE);
        check(UcNative.uc_mem_unmap(h, address, size), range("mem_unmap", address, size));
        mapped.remove(address, size);
        translations.unmapped(address, size);
    }

    @Override
    public void protect(long address, long size, int perms) {
        long h = handle();
        Perm.check(perms);
        check(UcNative.uc_mem_protect(h, address, size, enginePerms(perms)),
                range("mem_protect", address, size) + " " + Perm.toString(perms));
        translations.permissions(address, size, perms);
    }

    @Override
    public void write(long address, byte[] src, int off, int len) {
        long h = handle();
        if (translations.mayHoldCode(address, len)) {
            memory.writeChanged(h, address, src, off, len, translations);
            return;
        }
        memory.write(h, address, src, off, len);
        translations.written(address, len);
    }

    @Override
    public void read(long address, byte[] dst, int off, int len) {
        memory.read(handle(), address, dst, off, len);
    }

    @Override
    public void write(long address, ByteBuffer src) {
        int len = src.remaining();
        memory.write(handle(), address, src);
        translations.written(address, len);
    }

    @Override
    public void read(long address, ByteBuffer dst) {
        memory.read(handle(), address, dst);
    }

    @Override
    public long readRegister(Register register) {
        long h = handle();
        UcRegister u = ucRegister(register);
        int id = u.id();
        return id >= 0 ? readPlain(h, id, register) : u.read(register, registerAccess);
    }

    @Override
    public void readRegisters(Register[] registers, long[] into) {
        long h = handle();
        RegisterBatch b = batch;
        if (b == null || !b.isFor(registers)) {
            for (Register r : registers) {
                ucRegister(r); // refuses a register this CPU does not have, as readRegister does
            }
            b = RegisterBatch.of(registers, r -> ucRegisters[r.ordinal()].id());
            batch = b;
        }
        b.read(h, into, this);
    }

    private long readPlain(long h, int id, Register register) {
        registerValue.putLong(0, 0L);
        check(UcNative.uc_reg_read(h, id, registerAddress), register, "reg_read ");
        return registerValue.getLong(0);
    }

    private void writePlain(long h, int id, Register register, long value) {
        registerValue.putLong(0, value);
        check(UcNative.uc_reg_write(h, id, registerAddress), register, "reg_write ");
    }

    @Override
    public void writeRegister(Register register, long value) {
        long h = handle();
        UcRegister u = ucRegister(register);
        int id = u.id();
        if (id >= 0) {
            writePlain(h, id, register, value);
        } else {
            u.write(register, registerAccess, value);
        }
    }

    private UcRegister ucRegister(Register register) {
        if (!registers.contains(register)) {
            throw new IllegalArgumentException("register " + register.name() + " does not exist on " + arch);
        }
        UcRegister u = ucRegisters[register.ordinal()];
        if (u == null) {
            throw new IllegalArgumentException("register " + register.name() + " is not one Unicorn knows");
        }
        return u;
    }

    @Override
    public long pc() {
        return readRegister(pcRegister);
    }

    /** The PC, or -1 if it cannot be read (used while building error messages). */
    long pcQuietly() {
        if (uc == 0) {
            return -1;
        }
        UcRegister u = ucRegisters[pcRegister.ordinal()];
        if (u == null || u.id() < 0) {
            return -1;
        }
        registerValue.putLong(0, 0L);
        int err = UcNative.uc_reg_read(uc, u.id(), registerAddress);
        return err == 0 ? registerValue.getLong(0) : -1;
    }

    /** {@code uc_query(UC_QUERY_TIMEOUT)}: true if the last run ended because its time limit ran out. */
    boolean queryTimedOut() {
        registerValue.putLong(0, 0L);
        check(UcNative.uc_query(handle(), UcConst.UC_QUERY_TIMEOUT, registerAddress), "query timeout");
        return registerValue.getLong(0) != 0;
    }

    @Override
    public RunResult run(long begin, long until, RunLimits limits) {
        long h = handle();
        record.reset();
        HookHandle counter = limits.countInstructions()
                ? hooks.onCode((a, s) -> record.counted++, 1, 0) : null;
        try {
            long stopAt = target.stopAddress(until);
            translations.prepare(stopAt, hooks.generation(), limits.instructionBudget() > 0);
            if (guard != null) {
                guard.runStarts();
            }
            long t0 = System.nanoTime();
            int err = UcNative.uc_emu_start(h, begin, stopAt, limits.timeoutMicros(), limits.instructionBudget());
            long elapsed = System.nanoTime() - t0;
            rethrowCallbackFailure();
            RunResult refused = guard == null ? null
                    : guard.stoppedRun(limits.countInstructions() ? record.counted : -1, elapsed);
            if (refused != null) {
                return refused;
            }
            return RunClassifier.classify(this, target, UcError.of(err), begin, until, limits, record, elapsed);
        } finally {
            if (counter != null) {
                counter.close();
            }
        }
    }

    private void rethrowCallbackFailure() {
        Throwable t = record.failure;
        if (t == null) {
            return;
        }
        record.failure = null;
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        throw new IllegalStateException("a hook threw " + t, t);
    }

    @Override
    public void stop() {
        long h = handle();
        record.stopRequested = true;
        check(UcNative.uc_emu_stop(h), "emu_stop");
    }

    @Override
    public HookHandle onCode(CodeHook hook, long begin, long end) {
        handle();
        return hooks.onCode(hook, begin, end);
    }

    @Override
    public HookHandle onBlock(BlockHook hook, long begin, long end) {
        handle();
        return hooks.onBlock(hook, begin, end);
    }

    @Override
    public HookHandle onMemory(MemoryHook hook, int accesses, long begin, long end) {
        handle();
        return hooks.onMemory(hook, accesses, begin, end);
    }

    @Override
    public HookHandle onInvalidMemory(InvalidMemoryHook hook, long begin, long end) {
        handle();
        return hooks.onInvalidMemory(hook, begin, end);
    }

    @Override
    public HookHandle onInterrupt(InterruptHook hook) {
        handle();
        return hooks.onInterrupt(hook);
    }

    @Override
    public CpuContext saveContext() {
        long h = handle();
        state.drainOrphans();
        UnicornContext c = UnicornContext.allocate(this, state, h, registerValue, registerAddress);
        saveContext(c);
        return c;
    }

    @Override
    public void saveContext(CpuContext into) {
        long h = handle();
        check(UcNative.uc_context_save(h, UnicornContext.pointerFor(this, into)), "context_save");
    }

    @Override
    public void restoreContext(CpuContext context) {
        long h = handle();
        check(UcNative.uc_context_restore(h, UnicornContext.pointerFor(this, context)), "context_restore");
    }

    @Override
    public boolean isOpen() {
        return uc != 0;
    }

    @Override
    public void close() {
        if (uc == 0) {
            return;
        }
        try {
            hooks.deleteAll();
        } finally {
            uc = 0;
            mapped.clear();
            cleanable.clean();
        }
    }

    /** The live {@code uc_engine *}, or {@link IllegalStateException} after close. */
    long handle() {
        long h = uc;
        if (h == 0) {
            throw new IllegalStateException("this " + arch + " CPU was closed");
        }
        return h;
    }

    /** Throws {@link EngineException} unless {@code err} is {@code UC_ERR_OK}. */
    void check(int err, String doing) {
        if (err != 0) {
            throw failure(err, doing);
        }
    }

    private void check(int err, Register register, String doing) {
        if (err != 0) {
            throw failure(err, doing + register.name());
        }
    }

    EngineException failure(int err, String doing) {
        UcError e = UcError.of(err);
        long pc = pcQuietly();
        return new EngineException(String.format("%s failed on %s: %s (%s, pc 0x%x)",
                doing, arch, UcNative.uc_strerror(err), e.name(), pc), e.name(), pc);
    }

    private static String range(String call, long address, long size) {
        return String.format("%s 0x%x+0x%x", call, address, size);
    }

    /** {@link UcRegisterAccess} over this CPU's register area, for registers Unicorn reaches in their own way. */
    private final class RegisterAccess implements UcRegisterAccess {
        @Override
        public ByteBuffer buffer() {
            return registerValue;
        }

        @Override
        public void read(int id, Register register) {
            check(UcNative.uc_reg_read(handle(), id, registerAddress), register, "reg_read ");
        }

        @Override
        public void write(int id, Register register) {
            check(UcNative.uc_reg_write(handle(), id, registerAddress), register, "reg_write ");
        }
    }

    /** {@link FetchGuardContext} of this CPU: its translations, a slice of its scratch block, its engine. */
    private final class GuardContext implements FetchGuardContext {
        private final ByteBuffer buffer;
        private final long bufferAddress;

        GuardContext(ByteBuffer buffer, long bufferAddress) {
            this.buffer = buffer;
            this.bufferAddress = bufferAddress;
        }

        @Override
        public boolean isExecutable(long address) {
            return translations.isExecutable(address);
        }

        @Override
        public void forget(long from, long to) {
            translations.forget(from, to);
        }

        @Override
        public ByteBuffer buffer() {
            return buffer;
        }

        @Override
        public boolean read(long address, int length) {
            return UcNative.uc_mem_read(uc, address, bufferAddress, Math.min(length, BUFFER_SIZE)) == 0;
        }

        @Override
        public void stop() {
            UcNative.uc_emu_stop(uc);
        }
    }
}
