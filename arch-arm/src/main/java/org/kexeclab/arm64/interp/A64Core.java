package org.kexeclab.arm64.interp;

import org.kexeclab.arm64.Arm64Register;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.interp.GuestBus;
import org.kexeclab.engine.interp.IsaCore;
import org.kexeclab.engine.interp.Step;
import org.kexeclab.engine.interp.WordBlocks;

/**
 * The AArch64 register file and top-level A64 decode of the Java engine: EL1, MMU off (addresses
 * are physical), little-endian data. {@code x[31]} is SP; register number 31 reads as zero where
 * the encoding means XZR ({@link #xr}). Instructions are split over {@link A64Immediate},
 * {@link A64DataRegister}, {@link A64Memory} and {@link A64Control}; anything they do not
 * implement (SIMD/FP, exclusives, atomics, unknown system registers...) is {@link Step#INVALID}.
 */
final class A64Core implements IsaCore {
    /** QEMU's {@code EXCP_SWI}, the number Unicorn reports for {@code svc}. */
    static final int EXCP_SWI = 2;
    /** Reset SCTLR_EL1 as Unicorn 2.0.1's model has it (MMU and caches off). */
    static final long RESET_SCTLR = 0xc50838L;
    static final long M32 = 0xffff_ffffL;
    private static final int SYS = Arm64Register.SCTLR_EL1.ordinal();
    private static final int STATE = Arm64Register.values().length;

    final GuestBus bus;
    /** x0..x30, then SP at index 31. */
    final long[] x = new long[32];
    long pc;
    /** N, Z, C, V in bits 31..28; reset flags are UNKNOWN architecturally, Z set as on Unicorn. */
    int nzcv = 0x4000_0000;
    /** System registers indexed by {@code ordinal - SCTLR_EL1.ordinal()}: SCTLR .. FAR; DAIF in bits 9..6. */
    final long[] sys = new long[STATE - SYS];
    int exception = -1;
    int lastWord;
    /** Scratch of {@link A64CopyIdiom}: the loaded registers and one iteration's values. */
    final int[] idiomRegs = new int[16];
    final long[] idiomValues = new long[16];

    A64Core(GuestBus bus) {
        this.bus = bus;
        bus.bigEndian(false);
        sys[Arm64Register.SCTLR_EL1.ordinal() - SYS] = RESET_SCTLR;
        sys[Arm64Register.CURRENT_EL.ordinal() - SYS] = 4;
        sys[Arm64Register.DAIF.ordinal() - SYS] = 0x3c0;
    }

    /** Register {@code n} where 31 means XZR. */
    long xr(int n) {
        return n == 31 ? 0 : x[n];
    }

    /** Writes register {@code n} where 31 means XZR (the write is dropped). */
    void setXr(int n, long v) {
        if (n != 31) {
            x[n] = v;
        }
    }

    long sysReg(Arm64Register r) {
        return sys[r.ordinal() - SYS];
    }

    void setSysReg(Arm64Register r, long v) {
        sys[r.ordinal() - SYS] = v;
    }

    /** True if condition {@code cond} (0..15) holds for the current flags. */
    boolean holds(int cond) {
        return Cond.holds(nzcv, cond);
    }

    @Override
    public int step() {
        long cia = pc;
        int w = bus.fetch32(cia);
        lastWord = w;
        int s;
        switch (w >>> 25 & 0xf) {
            case 8: case 9:
                s = A64Immediate.execute(this, w, cia);
                break;
            case 10: case 11:
                return A64Control.execute(this, w, cia);
            case 4: case 6: case 12: case 14:
                s = A64Memory.execute(this, w, cia);
                break;
            case 5: case 13:
                s = A64DataRegister.execute(this, w);
                break;
            default:
                return Step.INVALID;
        }
        if (s == Step.NEXT) {
            pc = cia + 4;
        }
        return s;
    }

    @Override
    public long pc() {
        return pc;
    }

    @Override
    public void enter(long begin) {
        pc = begin;
    }

    @Override
    public long stopAddress(long until) {
        return until;
    }

    @Override
    public int instructionSize(long address) {
        return 4;
    }

    @Override
    public int blockSize(long address, long until) {
        return WordBlocks.size(bus, address, until, -1L, A64Control::endsBlock);
    }

    @Override
    public long runIdiom(long maxInstructions, long until) {
        return A64LoopIdiom.run(this, maxInstructions, until);
    }

    @Override
    public int exceptionNumber() {
        return exception;
    }

    @Override
    public String invalidDetail() {
        int w = lastWord;
        return String.format("bytes %02x %02x %02x %02x (A64 word 0x%08x) are not an instruction the Java engine "
                + "implements for ARM64", w & 0xff, w >>> 8 & 0xff, w >>> 16 & 0xff, w >>> 24, w);
    }

    @Override
    public long readRegister(Register register) {
        Arm64Register r = (Arm64Register) register;
        int i = r.ordinal();
        if (i < 32) {
            return x[i];
        }
        if (r == Arm64Register.PC) {
            return pc;
        }
        if (r == Arm64Register.NZCV) {
            return nzcv & M32;
        }
        return sys[i - SYS];
    }

    @Override
    public void writeRegister(Register register, long value) {
        Arm64Register r = (Arm64Register) register;
        int i = r.ordinal();
        if (i < 32) {
            x[i] = value;
        } else if (r == Arm64Register.PC) {
            pc = value;
        } else if (r == Arm64Register.NZCV) {
            nzcv = (int) value & 0xf000_0000;
        } else if (r == Arm64Register.DAIF) {
            sys[i - SYS] = value & 0x3c0;
        } else if (r == Arm64Register.CURRENT_EL) {
            sys[i - SYS] = value & 0xc;
        } else {
            sys[i - SYS] = value;
        }
    }

    @Override
    public int stateSize() {
        return STATE;
    }

    @Override
    public void save(long[] into) {
        System.arraycopy(x, 0, into, 0, 32);
        into[32] = pc;
        into[33] = nzcv;
        System.arraycopy(sys, 0, into, SYS, sys.length);
    }

    @Override
    public void restore(long[] from) {
        System.arraycopy(from, 0, x, 0, 32);
        pc = from[32];
        nzcv = (int) from[33];
        System.arraycopy(from, SYS, sys, 0, sys.length);
    }
}
