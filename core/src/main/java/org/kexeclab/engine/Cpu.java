package org.kexeclab.engine;

import java.nio.ByteBuffer;
import org.kexeclab.Arch;

/**
 * One emulated CPU with its guest memory, owned by one thread. Obtain it from
 * {@link CpuEngine#open(Arch)} and close it when done; every call after {@link #close()}
 * throws {@link IllegalStateException}. Engine failures throw {@link EngineException}.
 *
 * <p>Memory: {@link #map} page-aligned ranges, then {@link #write}/{@link #read} in bulk
 * (an access outside mapped memory throws {@link GuestMemoryException}).
 *
 * <p>Hooks: each {@code on*} method installs a callback for the inclusive address range
 * {@code [begin, end]}, compared as unsigned addresses ({@code begin > end} means every address) and returns a handle that
 * removes it. A callback may call {@link #stop()}; an exception it throws stops the run and
 * is rethrown by {@link #run}.
 */
public interface Cpu extends GuestMemory, AutoCloseable {

    /** The architecture this CPU emulates. */
    Arch arch();

    /** The engine and its version, e.g. {@code "unicorn 2.0.1"}. */
    String engineName();

    /** The architecture's registers: the ones {@link #readRegister} and {@link #writeRegister} accept. */
    RegisterSet registers();

    /** Maps {@code [address, address + size)} with {@link Perm} bits; both page-aligned. */
    void map(long address, long size, int perms);

    /** Unmaps {@code [address, address + size)}; both page-aligned. */
    void unmap(long address, long size);

    /** Changes the permissions of {@code [address, address + size)}; both page-aligned. */
    void protect(long address, long size, int perms);

    /** Writes the remaining bytes of {@code src} to {@code address}, advancing its position. */
    void write(long address, ByteBuffer src);

    /** Fills the remaining space of {@code dst} from {@code address}, advancing its position. */
    void read(long address, ByteBuffer dst);

    /** The register's value, zero-extended to 64 bits. */
    long readRegister(Register register);

    /**
     * Reads each of {@code registers} into {@code into} at the same index, as {@link #readRegister}
     * would. An engine for which each read is a native call reads them in one; a caller that reads
     * the same set again and again (a tracer, every step) passes the same array, unchanged, which
     * the engine may prepare once.
     */
    default void readRegisters(Register[] registers, long[] into) {
        for (int i = 0; i < registers.length; i++) {
            into[i] = readRegister(registers[i]);
        }
    }

    /** Sets the register (truncated to its width). */
    void writeRegister(Register register, long value);

    /** The program counter (without any instruction-set bit the architecture keeps in a run's address). */
    long pc();

    /**
     * Runs from {@code begin} until the CPU is about to execute the instruction at {@code until},
     * or a limit, hook, fault or exception stops it. An architecture whose instruction set is
     * chosen by bit 0 of the address starts in the state bit 0 selects for an odd
     * {@code begin} and ignores bit 0 of {@code until}. Memory faults, invalid instructions and
     * CPU exceptions are results, not exceptions.
     *
     * @throws RuntimeException (or Error) thrown by a hook callback during the run, unchanged
     * @throws EngineException if the engine failed for any other reason
     */
    RunResult run(long begin, long until, RunLimits limits);

    /** Stops a run in progress at the next opportunity; meant to be called from a hook. */
    void stop();

    /** Calls {@code hook} before each instruction in {@code [begin, end]}. Slow: use sparingly. */
    HookHandle onCode(CodeHook hook, long begin, long end);

    /** Calls {@code hook} at the start of each basic block in {@code [begin, end]}. */
    HookHandle onBlock(BlockHook hook, long begin, long end);

    /**
     * Calls {@code hook} for each access in {@code [begin, end]} whose kind is in
     * {@code accesses} ({@link Perm#READ} and/or {@link Perm#WRITE}).
     */
    HookHandle onMemory(MemoryHook hook, int accesses, long begin, long end);

    /** Calls {@code hook} when the guest touches unmapped or protected memory in {@code [begin, end]}. */
    HookHandle onInvalidMemory(InvalidMemoryHook hook, long begin, long end);

    /** Calls {@code hook} on every interrupt or CPU exception (see {@link InterruptHook}). */
    HookHandle onInterrupt(InterruptHook hook);

    /** Saves the register state (not memory) into a new context; close it when done. */
    CpuContext saveContext();

    /** Saves the register state into an existing context of this CPU (no allocation). */
    void saveContext(CpuContext into);

    /** Restores a register state saved from this CPU. */
    void restoreContext(CpuContext context);

    /**
     * True if this engine counts every executed instruction itself at no extra cost: a run with
     * {@link RunLimits#counted()} and a budget is as fast as a bare one, {@link RunResult#instructions()}
     * is exact for every stop, and a code hook on a single address leaves its fast paths on. A
     * kexec run then counts with the engine instead of a block hook over the stub. The default
     * says no: an engine that counts with hooks (a call back into Java per block or instruction)
     * keeps the default.
     */
    default boolean countsNatively() {
        return false;
    }

    /**
     * True if, while the guest's paging is on, every fetch, load and store goes to the physical
     * address the guest's page tables give. The default says no: an engine that walks the
     * tables only to decide whether an access faults, and then uses the virtual address as the
     * physical one (Unicorn 2.0.1, measured), or that does not page at all, keeps it;
     * a machine that needs a virtual address to reach other memory than the same physical one
     * asks before relying on it.
     */
    default boolean translatesAddresses() {
        return false;
    }

    /** True until {@link #close()} is called. */
    boolean isOpen();

    /** Removes every hook and frees the CPU and its memory; idempotent. */
    @Override
    void close();
}
