package org.kexeclab.engine.interp;

import org.kexeclab.engine.Register;

/**
 * One CPU's architectural state and instruction executor, created by an {@link Isa} plug-in.
 * The framework ({@link InterpCpu}) calls {@link #step()} in its run loop; everything else is
 * called between steps. Implementations must not allocate in {@link #step()}.
 *
 * <h2>The step contract</h2>
 * {@link #step()} executes the one instruction at {@link #pc()} and returns a {@link Step} code:
 * <ul>
 *   <li>{@link Step#NEXT}: done, the next instruction follows in the same basic block;</li>
 *   <li>{@link Step#END_BLOCK}: done, and it was a control transfer (taken or not), an
 *       exception return or anything else that ends a basic block;</li>
 *   <li>{@link Step#INVALID}: the bytes at {@link #pc()} are not an instruction this core
 *       implements; nothing changed, {@link #pc()} still names it;</li>
 *   <li>{@link Step#EXCEPTION}: the instruction raised CPU exception {@link #exceptionNumber()}
 *       (e.g. a system call); {@link #pc()} is where execution continues if an interrupt hook
 *       handles it (the guest's exception vector is not entered).</li>
 * </ul>
 * A guest memory fault surfaces as {@link GuestBus.MemoryFault}, thrown by the bus: the core
 * must not catch it, and must order its effects so that a faulting instruction changes no
 * register (do every access before writing back registers) and leaves {@link #pc()} on itself.
 */
public interface IsaCore {

    /** Executes one instruction; returns a {@link Step} code. */
    int step();

    /** The address of the next instruction to execute. */
    long pc();

    /** Prepares to run from {@link org.kexeclab.engine.Cpu#run}'s {@code begin} (e.g. an instruction-set bit in the address). */
    void enter(long begin);

    /** The address at which {@link #pc()} equals a run's {@code until} (e.g. without an instruction-set bit). */
    long stopAddress(long until);

    /** Bytes of the instruction at {@code address}, for code hooks (may read memory quietly; 0 if unknown). */
    int instructionSize(long address);

    /**
     * Bytes of the basic block that starts at {@code address}: instructions up to and including
     * the first one that ends a block, not past {@code until}, within one page. For block hooks
     * only; must read memory without faulting or firing hooks ({@link GuestBus#peek32}).
     */
    int blockSize(long address, long until);

    /** True if this core's paging, when the guest turns it on, sends every access to the physical address its tables give. */
    default boolean translatesAddresses() {
        return false;
    }

    /**
     * Executes whole iterations of a loop idiom that starts at {@link #pc()} in one go, if the
     * core recognises one there (from the guest's code bytes, read with {@link GuestBus#peek32})
     * and can prove the bulk run identical to stepping: every register, flag and memory byte,
     * written in the same order, and {@code returned value = iterations x body length}. Called
     * by the run loop only at a block start with {@link #pc()} not the run's {@code until}. The
     * idiom must decline if a code or block hook covers its body ({@link GuestBus#codeUnhooked}),
     * must use {@link GuestBus#bulkPage} (so a memory hook, an unmapped or a protected page makes
     * it decline or stop early), must not run if {@code until} lies in its body or if it would
     * store into its own code, and must not execute more than {@code maxInstructions}.
     *
     * @return the instructions executed, 0 if none (then the run loop steps as usual)
     */
    default long runIdiom(long maxInstructions, long until) {
        return 0;
    }

    /** The exception number of the last {@link Step#EXCEPTION}. */
    int exceptionNumber();

    /**
     * One sentence-part describing the instruction of the last {@link Step#INVALID}: its bytes
     * in memory order and what the decoder saw, e.g. {@code "bytes 00 00 00 00 (primary opcode 0)"}.
     */
    String invalidDetail();

    /** The value of {@code register}, zero-extended; {@link IllegalArgumentException} if foreign. */
    long readRegister(Register register);

    /** Sets {@code register}; {@link IllegalArgumentException} if foreign. */
    void writeRegister(Register register, long value);

    /** Number of longs {@link #save} writes. */
    int stateSize();

    /** Copies the register state into {@code into[0 .. stateSize())}. */
    void save(long[] into);

    /** Restores a state written by {@link #save}. */
    void restore(long[] from);
}
