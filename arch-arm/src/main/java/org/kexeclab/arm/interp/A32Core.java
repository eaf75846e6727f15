package org.kexeclab.arm.interp;

import org.kexeclab.arm.ArmRegister;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.interp.GuestBus;
import org.kexeclab.engine.interp.IsaCore;
import org.kexeclab.engine.interp.Step;

/**
 * The 32-bit ARM register file (r0..r15, CPSR) and dispatch of the Java engine: A32 (ARMv7-A,
 * little-endian, no MMU, one bank of r13/r14 whatever the mode) and a small Thumb subset
 * ({@link A32Thumb}). {@code r[15]} holds the address of the instruction being executed; an
 * instruction that reads r15 sees it plus 8 (A32) or 4 (Thumb). Instructions live in
 * {@link A32DataProcessing}, {@link A32Memory} and {@link A32Control}. A conditional instruction
 * is fully decoded (an unimplemented one is {@link Step#INVALID}) before its condition is tested.
 */
final class A32Core implements IsaCore {
    static final long M32 = 0xffff_ffffL;
    static final int N = 0x8000_0000;
    static final int Z = 0x4000_0000;
    static final int C = 0x2000_0000;
    static final int V = 0x1000_0000;
    static final int T = 0x20;
    /** QEMU's {@code EXCP_SWI}, the number Unicorn reports for {@code svc}. */
    static final int EXCP_SWI = 2;
    /** QEMU's {@code EXCP_DATA_ABORT}: an LDM/STM whose address is not word-aligned. */
    static final int EXCP_DATA_ABORT = 4;
    /** Reset CPSR: supervisor mode, A, I and F masked, A32 state; Z set as on Unicorn (flags are UNKNOWN at reset). */
    static final int RESET_CPSR = 0x4000_01d3;

    final GuestBus bus;
    final int[] r = new int[16];
    int cpsr = RESET_CPSR;
    /** The carry out of the last shifter operation (0 or {@link #C}). */
    int shiftCarry;
    /** True if the current instruction's condition holds (set before it executes). */
    boolean pass;
    int exception = -1;
    int lastWord;
    boolean lastThumb;
    /** Scratch for LDM: values loaded before any register is written. */
    final int[] loaded = new int[16];

    A32Core(GuestBus bus) {
        this.bus = bus;
        bus.bigEndian(false);
    }

    boolean thumb() {
        return (cpsr & T) != 0;
    }

    /** Register {@code n} as an operand: r15 reads as the instruction address plus 8 (A32) or 4 (Thumb). */
    int reg(int n) {
        return n == 15 ? r[15] + (thumb() ? 4 : 8) : r[n];
    }

    /** True if BXWritePC of {@code target} is unpredictable (bits 1..0 = 10: neither A32 nor Thumb). */
    static boolean badTarget(int target) {
        return (target & 3) == 2;
    }

    /** Branches with interworking (BXWritePC): bit 0 selects Thumb; callers reject {@link #badTarget} first. */
    void bxWritePc(int target) {
        if ((target & 1) != 0) {
            cpsr |= T;
            r[15] = target & ~1;
        } else {
            cpsr &= ~T;
            r[15] = target & ~3;
        }
    }

    /** True if condition {@code cond} holds (15 counts as always). */
    boolean holds(int cond) {
        int f = cpsr;
        boolean res;
        switch (cond >>> 1) {
            case 0: res = (f & Z) != 0; break;
            case 1: res = (f & C) != 0; break;
            case 2: res = f < 0; break;
            case 3: res = (f & V) != 0; break;
            case 4: res = (f & C) != 0 && (f & Z) == 0; break;
            case 5: res = (f < 0) == ((f & V) != 0); break;
            case 6: res = (f < 0) == ((f & V) != 0) && (f & Z) == 0; break;
            default: return true;
        }
        return (cond & 1) != 0 ? !res : res;
    }

    /** Sets N and Z from {@code result}, C from {@code carry} (0 or C); V unchanged. */
    void setNzc(int result, int carry) {
        cpsr = (cpsr & ~(N | Z | C)) | (result & N) | (result == 0 ? Z : 0) | carry;
    }

    /** {@code x + y + carryIn}; sets NZCV when {@code setFlags}. */
    int addWithCarry(int x, int y, int carryIn, boolean setFlags) {
        long wide = (x & M32) + (y & M32) + carryIn;
        int res = (int) wide;
        if (setFlags) {
            long signed = (long) x + y + carryIn;
            cpsr = (cpsr & 0x0fff_ffff) | (res & N) | (res == 0 ? Z : 0) | (wide >>> 32 != 0 ? C : 0)
                    | (signed != res ? V : 0);
        }
        return res;
    }

    @Override
    public int step() {
        int pc = r[15];
        if (thumb()) {
            lastThumb = true;
            return A32Thumb.step(this, pc);
        }
        lastThumb = false;
        int w = bus.fetch32(pc & M32);
        lastWord = w;
        int cond = w >>> 28;
        if (cond == 15) {
            return A32Control.unconditional(this, w, pc);
        }
        pass = cond == 14 || holds(cond);
        int s;
        switch (w >>> 25 & 7) {
            case 0: case 1:
                s = A32DataProcessing.execute(this, w);
                break;
            case 2: case 3:
                s = A32Memory.single(this, w);
                break;
            case 4:
                s = A32Memory.multiple(this, w);
                break;
            case 5:
                return A32Control.branch(this, w, pc);
            default:
                s = A32Control.system(this, w);
                break;
        }
        if (s == Step.NEXT) {
            r[15] = pc + 4;
            if (A32Control.endsBlock(w)) {
                return Step.END_BLOCK; // e.g. a conditional write to r15 that did not happen: as blockSize says
            }
        }
        return s;
    }

    @Override
    public long pc() {
        return r[15] & M32;
    }

    @Override
    public void enter(long begin) {
        bxWritePc((int) begin);
    }

    @Override
    public long stopAddress(long until) {
        return until & M32 & ~1L;
    }

    @Override
    public int instructionSize(long address) {
        return thumb() ? A32Thumb.size(bus.peek32(address & ~3L, 0), address) : 4;
    }

    @Override
    public int blockSize(long address, long until) {
        return thumb() ? A32Thumb.blockSize(bus, address, until) : A32Control.blockSize(bus, address, until);
    }

    @Override
    public long runIdiom(long maxInstructions, long until) {
        return A32LoopIdiom.run(this, maxInstructions, until);
    }

    @Override
    public int exceptionNumber() {
        return exception;
    }

    @Override
    public String invalidDetail() {
        int w = lastWord;
        if (lastThumb && (w >>> 27 & 0x1f) < 0x1d) { // a 16-bit encoding: no second halfword was fetched
            return String.format("Thumb halfword 0x%04x (bytes %02x %02x) is not an instruction the Java engine "
                    + "implements for ARM", w >>> 16, w >>> 16 & 0xff, w >>> 24);
        }
        if (lastThumb) {
            return String.format("Thumb halfwords 0x%04x 0x%04x (bytes %02x %02x %02x %02x) are not an instruction the "
                    + "Java engine implements for ARM", w >>> 16, w & 0xffff, w >>> 16 & 0xff, w >>> 24,
                    w & 0xff, w >>> 8 & 0xff);
        }
        return String.format("bytes %02x %02x %02x %02x (A32 word 0x%08x) are not an instruction the Java engine "
                + "implements for ARM", w & 0xff, w >>> 8 & 0xff, w >>> 16 & 0xff, w >>> 24, w);
    }

    @Override
    public long readRegister(Register register) {
        ArmRegister a = (ArmRegister) register;
        return a == ArmRegister.CPSR ? cpsr & M32 : r[a.ordinal()] & M32;
    }

    @Override
    public void writeRegister(Register register, long value) {
        ArmRegister a = (ArmRegister) register;
        if (a == ArmRegister.CPSR) {
            cpsr = (int) value;
        } else {
            r[a.ordinal()] = (int) value;
        }
    }

    @Override
    public int stateSize() {
        return 17;
    }

    @Override
    public void save(long[] into) {
        for (int i = 0; i < 16; i++) {
            into[i] = r[i];
        }
        into[16] = cpsr;
    }

    @Override
    public void restore(long[] from) {
        for (int i = 0; i < 16; i++) {
            r[i] = (int) from[i];
        }
        cpsr = (int) from[16];
    }
}
