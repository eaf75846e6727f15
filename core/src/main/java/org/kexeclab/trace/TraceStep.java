package org.kexeclab.trace;

import java.nio.ByteOrder;

/**
 * One executed stub instruction with what it did: the registers it changed, the loads and
 * stores it made, and the list entry it read. One instance is reused for every step of a
 * trace (a sink must copy what it wants to keep), so tracing allocates nothing per step.
 */
public final class TraceStep {
    /** Most memory accesses kept for one instruction (a repeated string instruction is one step per iteration). */
    public static final int MAX_ACCESSES = 16;
    /** Largest single access in bytes. */
    public static final int MAX_ACCESS_BYTES = 16;

    private final int[] changedRegister;
    private final long[] changedValue;
    private final boolean[] accessIsWrite = new boolean[MAX_ACCESSES];
    private final long[] accessAddress = new long[MAX_ACCESSES];
    private final int[] accessSize = new int[MAX_ACCESSES];
    private final long[] accessValue = new long[MAX_ACCESSES];
    private final ByteOrder order;
    private long index;
    private long pc;
    private long nextPc;
    private int size;
    private int listingIndex;
    private int changed;
    private int accesses;
    private int listEntry;

    TraceStep(int registers, ByteOrder order) {
        this.changedRegister = new int[registers];
        this.changedValue = new long[registers];
        this.order = order;
    }

    void begin(long index, long pc, int size, int listingIndex) {
        this.index = index;
        this.pc = pc;
        this.size = size;
        this.listingIndex = listingIndex;
        this.changed = 0;
        this.accesses = 0;
        this.listEntry = -1;
    }

    void changed(int register, long value) {
        changedRegister[changed] = register;
        changedValue[changed] = value;
        changed++;
    }

    void access(boolean write, long address, int bytes, long value) {
        if (accesses < MAX_ACCESSES) {
            accessIsWrite[accesses] = write;
            accessAddress[accesses] = address;
            accessSize[accesses] = bytes;
            accessValue[accesses] = value;
            accesses++;
        }
    }

    void listEntry(int n) {
        listEntry = n;
    }

    void completed(long next) {
        this.nextPc = next;
    }

    /** Step number, from 0. */
    public long index() {
        return index;
    }

    /** Address of the instruction. */
    public long pc() {
        return pc;
    }

    /**
     * Where the CPU went after this instruction: the next instruction's address (a branch's
     * target, the entry point after the last jump, or where a run that stopped early stands).
     */
    public long nextPc() {
        return nextPc;
    }

    /** Length of the instruction in bytes. */
    public int size() {
        return size;
    }

    /** Index of the instruction in the stub's listing, or -1 if outside it. */
    public int listingIndex() {
        return listingIndex;
    }

    /** Number of registers this instruction changed. */
    public int changedCount() {
        return changed;
    }

    /** Register (index into {@link TraceRegisters#registers()}) of change {@code i}. */
    public int changedRegister(int i) {
        return changedRegister[i];
    }

    /** New value of change {@code i}. */
    public long changedValue(int i) {
        return changedValue[i];
    }

    /** Number of loads and stores this instruction made (at most {@link #MAX_ACCESSES}). */
    public int accessCount() {
        return accesses;
    }

    /** True if access {@code i} is a store, false for a load. */
    public boolean isWrite(int i) {
        return accessIsWrite[i];
    }

    /** Guest address of access {@code i}. */
    public long accessAddress(int i) {
        return accessAddress[i];
    }

    /** Size in bytes of access {@code i}. */
    public int accessSize(int i) {
        return accessSize[i];
    }

    /** Value loaded or stored by access {@code i}, as the CPU sees the number. */
    public long accessValue(int i) {
        return accessValue[i];
    }

    /** Byte {@code b} of access {@code i} in memory order (guest byte order). */
    public int accessByte(int i, int b) {
        int n = accessSize[i];
        int shift = order == ByteOrder.LITTLE_ENDIAN ? 8 * b : 8 * (n - 1 - b);
        return shift >= 64 ? 0 : (int) (accessValue[i] >>> shift) & 0xff;
    }

    /** The list entry this instruction loaded, or -1. */
    public int listEntry() {
        return listEntry;
    }
}
