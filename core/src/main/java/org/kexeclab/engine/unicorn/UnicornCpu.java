package org.kexeclab.engine.unicorn;

import com.sun.jna.Pointer;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.kexeclab.Arch;
import org.kexeclab.engine.Arm64Register;
import org.kexeclab.engine.ArmRegister;
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
import org.kexeclab.engine.PpcRegister;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.X86Register;

/**
 * A {@link Cpu} backed by one Unicorn engine through JNA. Register values and staged memory
 * copies go through one native scratch block allocated at open, so register access and bulk
 * memory transfers allocate nothing. Not thread-safe: one thread owns it.
 */
public final class UnicornCpu implements Cpu {
    private static final Cleaner CLEANER = Cleaner.create();
    /** Offset in the register area of the word {@link TimerSprGuard} reads (the areas below hold register values). */
    private static final int GUARD_WORD = 56;
    /** Offset in the register area of the 15 instruction bytes {@link X86FarBranchGuard} reads. */
    private static final int GUARD_BYTES = 64;
    /** Offset in the register area where {@code uc_hook_add} writes a new hook's handle. */
    private static final int HOOK_HANDLE = 48;

    private final Arch arch;
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
    /**
     * Non-null on PowerPC ({@link TimerSprGuard}) and x86-64 ({@link X86FarBranchGuard}): its
     * pages are then mapped without UC_PROT_EXEC.
     */
    private final FetchGuard guard;

    UnicornCpu(Arch arch, long uc, long scratch, String engineName) {
        this.arch = arch;
        this.engineName = engineName;
        this.uc = uc;
        this.state = new NativeState(uc, scratch);
        ByteBuffer all = new Pointer(scratch).getByteBuffer(0, NativeState.REGISTER_AREA + NativeState.STAGING);
        this.registerValue = all.slice(0, NativeState.REGISTER_AREA).order(ByteOrder.nativeOrder());
        this.registerAddress = scratch;
        this.memory = new GuestTransfer(this, mapped, all.slice(NativeState.REGISTER_AREA, NativeState.STAGING),
                scratch + NativeState.REGISTER_AREA);
        this.pcRegister = pcRegisterOf(arch);
        this.hooks = new UnicornHooks(this, uc, record, scratch + HOOK_HANDLE);
        this.translations = new TranslationCache(this, uc);
        this.guard = guardFor(arch, all, scratch);
        hooks.installRecorders(guard);
        // Last: if anything above throws, the engine's opener frees uc and scratch, and no cleaner may free them twice.
        this.cleanable = CLEANER.register(this, state);
    }

    private FetchGuard guardFor(Arch arch, ByteBuffer all, long scratch) {
        switch (arch) {
            case PPC32: case PPC64:
                return new TimerSprGuard(translations, record, all.slice(GUARD_WORD, 4).order(arch.byteOrder()),
                        scratch + GUARD_WORD);
            case X86_64:
                return new X86FarBranchGuard(translations, all.slice(GUARD_BYTES, X86Boundary.MAX_LENGTH),
                        scratch + GUARD_BYTES);
            default:
                return null;
        }
    }

    private static Register pcRegisterOf(Arch arch) {
        switch (arch) {
            case X86_64: return X86Register.RIP;
            case ARM64: return Arm64Register.PC;
            case ARM: return ArmRegister.R15;
            default: return PpcRegister.PC;
        }
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
        int id = idOf(register);
        if (id < 0 || id == UcRegisters.UC_ARM64_REG_CP_REG) {
            return readSystemRegister(h, (Arm64Register) register);
        }
        return readPlain(h, id, register);
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
        int id = idOf(register);
        if (id < 0 || id == UcRegisters.UC_ARM64_REG_CP_REG) {
            writeSystemRegister(h, (Arm64Register) register, value);
            return;
        }
        writePlain(h, id, register, value);
    }

    private int idOf(Register register) {
        if (!register.belongsTo(arch)) {
            throw new IllegalArgumentException("register " + register.name() + " does not exist on " + arch);
        }
        return UcRegisters.id(register);
    }

    /** Fills {@code uc_arm64_cp_reg {u32 crn, crm, op0, op1, op2; u64 val}} in the register area. */
    private void putSystemRegister(Arm64Register r, long value) {
        int e = UcRegisters.cpEncoding(r);
        registerValue.putInt(0, (e >> 8) & 0xf).putInt(4, (e >> 4) & 0xf).putInt(8, (e >> 16) & 0x3)
                .putInt(12, (e >> 12) & 0x7).putInt(16, e & 0x7).putInt(20, 0).putLong(24, value);
    }

    private long readSystemRegister(long h, Arm64Register r) {
        if (UcRegisters.id(r) == UcRegisters.PSTATE_FIELD) {
            return readPlain(h, UcRegisters.UC_ARM64_REG_PSTATE, r) & UcRegisters.pstateMask(r);
        }
        putSystemRegister(r, 0);
        check(UcNative.uc_reg_read(h, UcRegisters.UC_ARM64_REG_CP_REG, registerAddress), r, "reg_read ");
        return registerValue.getLong(24);
    }

    private void writeSystemRegister(long h, Arm64Register r, long value) {
        if (UcRegisters.id(r) == UcRegisters.PSTATE_FIELD) {
            if (r == Arm64Register.CURRENT_EL) {
                throw new IllegalArgumentException("CurrentEL is read-only: the exception level changes by eret or exceptions");
            }
            long mask = UcRegisters.pstateMask(r);
            long pstate = readPlain(h, UcRegisters.UC_ARM64_REG_PSTATE, r);
            writePlain(h, UcRegisters.UC_ARM64_REG_PSTATE, r, (pstate & ~mask) | (value & mask));
            return;
        }
        putSystemRegister(r, value);
        check(UcNative.uc_reg_write(h, UcRegisters.UC_ARM64_REG_CP_REG, registerAddress), r, "reg_write ");
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
        registerValue.putLong(0, 0L);
        int err = UcNative.uc_reg_read(uc, UcRegisters.id(pcRegister), registerAddress);
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
            // Unicorn compares the stop address with the pc, which never carries the Thumb bit:
            // an odd (Thumb) until must lose bit 0 or the run never stops there.
            long stopAt = arch == Arch.ARM ? until & ~1L : until;
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
            return RunClassifier.classify(this, UcError.of(err), begin, until, limits, record, elapsed);
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
}
