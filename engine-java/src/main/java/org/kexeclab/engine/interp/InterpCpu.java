package org.kexeclab.engine.interp;

import java.nio.ByteBuffer;
import org.kexeclab.Arch;
import org.kexeclab.engine.BlockHook;
import org.kexeclab.engine.CodeHook;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuContext;
import org.kexeclab.engine.HookHandle;
import org.kexeclab.engine.InterruptHook;
import org.kexeclab.engine.InvalidMemoryHook;
import org.kexeclab.engine.MemoryHook;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RegisterSet;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;

/**
 * A {@link Cpu} of the pure-Java interpreter: guest memory in Java arrays, one {@link IsaCore}
 * from an {@link Isa} plug-in decoding instructions from that memory, and the shared
 * {@link RunLoop}. Behaves like {@code UnicornCpu} (same stop reasons, fault sentences and
 * lifecycle) and reports the exact faulting instruction even when not counting. Not
 * thread-safe: one thread owns it ({@link #stop()} may come from another).
 */
public final class InterpCpu implements Cpu {
    private final Arch arch;
    private final RegisterSet registers;
    private final String engineName;
    private final PageTable pages = new PageTable();
    private final HookTable hooks = new HookTable();
    private final GuestBus bus;
    private final MemoryMap memory;
    private final IsaCore core;
    private final RunLoop loop;
    private boolean open = true;
    /** The last array {@link #readRegisters} checked against this architecture: read again unchecked. */
    private Register[] checkedRegisters;

    InterpCpu(Arch arch, RegisterSet registers, Isa isa, String engineName) {
        this.arch = arch;
        this.registers = registers;
        this.engineName = engineName;
        this.bus = new GuestBus(pages, hooks);
        this.memory = new MemoryMap(arch, pages, bus);
        this.core = isa.create(arch, bus);
        this.loop = new RunLoop(core, bus, hooks);
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
        live();
        memory.map(address, size, perms);
    }

    @Override
    public void unmap(long address, long size) {
        live();
        memory.unmap(address, size);
    }

    @Override
    public void protect(long address, long size, int perms) {
        live();
        memory.protect(address, size, perms);
    }

    @Override
    public void write(long address, byte[] src, int off, int len) {
        live();
        memory.write(address, src, off, len);
    }

    @Override
    public void read(long address, byte[] dst, int off, int len) {
        live();
        memory.read(address, dst, off, len);
    }

    @Override
    public void write(long address, ByteBuffer src) {
        live();
        byte[] b = new byte[src.remaining()];
        src.get(src.position(), b);
        memory.write(address, b, 0, b.length);
        src.position(src.limit());
    }

    @Override
    public void read(long address, ByteBuffer dst) {
        live();
        byte[] b = new byte[dst.remaining()];
        memory.read(address, b, 0, b.length);
        dst.put(b);
    }

    @Override
    public long readRegister(Register register) {
        live();
        requireFamily(register);
        return core.readRegister(register);
    }

    @Override
    public void readRegisters(Register[] registers, long[] into) {
        live();
        if (registers != checkedRegisters) {
            for (Register r : registers) {
                requireFamily(r);
            }
            checkedRegisters = registers;
        }
        for (int i = 0; i < registers.length; i++) {
            into[i] = core.readRegister(registers[i]);
        }
    }

    @Override
    public void writeRegister(Register register, long value) {
        live();
        requireFamily(register);
        core.writeRegister(register, value);
    }

    private void requireFamily(Register register) {
        if (!registers.contains(register)) {
            throw new IllegalArgumentException("register " + register.name() + " does not exist on " + arch);
        }
    }

    @Override
    public long pc() {
        live();
        return core.pc();
    }

    @Override
    public RunResult run(long begin, long until, RunLimits limits) {
        live();
        loop.stopRequested = false;
        loop.haltedAt = -1;
        long t0 = System.nanoTime();
        long deadline = limits.timeoutMicros() > 0 ? t0 + limits.timeoutMicros() * 1000 : Long.MAX_VALUE;
        core.enter(begin);
        StopReason reason = loop.run(core.stopAddress(until), limits.instructionBudget(), deadline);
        long elapsed = System.nanoTime() - t0;
        long n = limits.countInstructions() || reason == StopReason.BUDGET_EXHAUSTED ? loop.executed : -1;
        return RunSentences.result(reason, core, bus, limits, n, elapsed, loop.haltedAt);
    }

    /**
     * The run loop counts every instruction it retires, loop idioms included, so counting costs
     * nothing; a code hook whose range is outside a loop leaves that loop's idiom on.
     */
    @Override
    public boolean translatesAddresses() {
        return core.translatesAddresses();
    }

    @Override
    public boolean countsNatively() {
        return true;
    }

    /**
     * Turns the loop-idiom fast paths ({@link IsaCore#runIdiom}) on (the default) or off, so the
     * differential tests can compare a bulk run with plain stepping.
     */
    public void loopIdioms(boolean on) {
        loop.idioms = on;
    }

    /** Instructions of the last run that loop idioms executed in bulk (for tests). */
    public long idiomInstructions() {
        return loop.idiomExecuted;
    }

    @Override
    public void stop() {
        live();
        loop.stopRequested = true;
    }

    @Override
    public HookHandle onCode(CodeHook hook, long begin, long end) {
        live();
        return hooks.addCode(hook, begin, end);
    }

    @Override
    public HookHandle onBlock(BlockHook hook, long begin, long end) {
        live();
        return hooks.addBlock(hook, begin, end);
    }

    @Override
    public HookHandle onMemory(MemoryHook hook, int accesses, long begin, long end) {
        live();
        return hooks.addMemory(hook, accesses, begin, end);
    }

    @Override
    public HookHandle onInvalidMemory(InvalidMemoryHook hook, long begin, long end) {
        live();
        return hooks.addInvalid(hook, begin, end);
    }

    @Override
    public HookHandle onInterrupt(InterruptHook hook) {
        live();
        return hooks.addInterrupt(hook);
    }

    @Override
    public CpuContext saveContext() {
        live();
        InterpContext c = new InterpContext(this, core.stateSize());
        core.save(c.state);
        return c;
    }

    @Override
    public void saveContext(CpuContext into) {
        live();
        core.save(contextState(into));
    }

    @Override
    public void restoreContext(CpuContext context) {
        live();
        core.restore(contextState(context));
    }

    private long[] contextState(CpuContext context) {
        if (!(context instanceof InterpContext)) {
            throw new IllegalArgumentException("a CPU context can only be restored into the CPU that saved it");
        }
        return ((InterpContext) context).stateFor(this);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        hooks.clear();
        pages.clear();
        bus.flush();
    }

    private void live() {
        if (!open) {
            throw new IllegalStateException("this " + arch + " CPU was closed");
        }
    }
}
