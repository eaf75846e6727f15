package org.kexeclab.ppc.interp;

import java.nio.ByteOrder;
import org.kexeclab.Arch;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.interp.GuestBus;
import org.kexeclab.engine.interp.IsaCore;
import org.kexeclab.engine.interp.Step;
import org.kexeclab.engine.interp.WordBlocks;
import org.kexeclab.ppc.PpcRegister;

/**
 * The PowerPC register file and instruction dispatch for ppc32 (big-endian), ppc64 and ppc64le.
 * One implementation serves both widths, as a 64-bit POWER core does: on ppc64 with MSR[SF] clear
 * (and always on ppc32) addresses, branch targets, CR0 and the carry are 32-bit; on ppc32 every
 * register is read back as 32 bits and 64-bit-only instructions are invalid.
 *
 * <p>Addresses: there is no MMU. On ppc64 every effective address drops its top four bits, as
 * real mode does (so a kernel address {@code 0xc000_0000_0000_0000 + p} reaches physical
 * {@code p}); ppc32 uses the address as it is. Instructions are split over {@link PpcAlu},
 * {@link PpcMemory} and {@link PpcControl}.
 */
final class PpcCore implements IsaCore {
    static final long M32 = 0xffff_ffffL;
    static final long REAL_MODE_MASK = 0x0fff_ffff_ffff_ffffL;
    static final long MSR_SF = 1L << 63;
    static final long MSR_HV = 1L << 60;
    static final long MSR_LE = 1L;
    /** QEMU's number for the system-call exception ({@code POWERPC_EXCP_SYSCALL}), as Unicorn reports it. */
    static final int EXCP_SYSCALL = 8;
    /** The CPU id {@code mfspr PIR} returns: the one emulated CPU is CPU 0. */
    static final long PIR = 0;
    private static final int STATE = 46 + PpcHypervisorRegisters.STATE;

    final Arch arch;
    final boolean is64;
    final GuestBus bus;
    /** dcbz block size: 32 bytes on the ppc32 model (as Unicorn's), 128 on POWER. */
    final int cacheBlock;
    final long[] gpr = new long[32];
    long pc;
    long lr;
    long ctr;
    long msr;
    int cr;
    long xer;
    long srr0;
    long srr1;
    final long[] sprg = new long[4];
    /** LPCR, PTCR and the storage-key and breakpoint registers (64-bit only). */
    final PpcHypervisorRegisters hypervisor = new PpcHypervisorRegisters();
    /** True while addresses and CR0 are 64-bit (ppc64 with MSR[SF]). */
    boolean sf;
    int exception = -1;
    int lastWord;

    PpcCore(Arch arch, GuestBus bus) {
        this.arch = arch;
        this.is64 = arch.wordSize() == 8;
        this.bus = bus;
        this.cacheBlock = is64 ? 128 : 32;
        setMsr(resetMsr(arch));
    }

    /** The reset MSR: 0x40 on ppc32 (as Unicorn's model), SF|ME on ppc64, plus LE on ppc64le. */
    static long resetMsr(Arch arch) {
        if (arch.wordSize() == 4) {
            return 0x40;
        }
        return arch.byteOrder() == ByteOrder.BIG_ENDIAN ? MSR_SF | 0x1000 : MSR_SF | 0x1000 | MSR_LE;
    }

    /** Sets the MSR and the modes it selects (64-bit addressing, byte order). */
    void setMsr(long value) {
        msr = is64 ? value : value & M32;
        sf = is64 && (msr & MSR_SF) != 0;
        bus.bigEndian(!is64 || (msr & MSR_LE) == 0);
    }

    // ---- addresses -------------------------------------------------------------------------

    /** Effective address {@code x} as the bus sees it (32-bit wrap, real-mode masking). */
    long ea(long x) {
        return is64 ? (sf ? x : x & M32) & REAL_MODE_MASK : x & M32;
    }

    /** An instruction address in the current mode (32-bit mode wraps at 4 GiB). */
    long ia(long x) {
        return sf ? x : x & M32;
    }

    /** {@code v} as wide as the architecture's registers (32 bits on ppc32). */
    long archWidth(long v) {
        return is64 ? v : v & M32;
    }

    /** {@code (ra|0)}: register ra, or 0 for r0. */
    long base(int ra) {
        return ra == 0 ? 0 : gpr[ra];
    }

    // ---- condition and exception registers ---------------------------------------------------

    /** The XER bits this CPU keeps: ppc32 (before Power ISA 3.0) has no OV32 and CA32. */
    long xerMask() {
        return is64 ? M32 : M32 & ~(PpcArith.OV32 | PpcArith.CA32);
    }

    /** Sets CR field {@code bf} (0..7) to the 4-bit value {@code lt|gt|eq|so}. */
    void setCrField(int bf, int bits) {
        int shift = 28 - 4 * bf;
        cr = (cr & ~(0xf << shift)) | (bits << shift);
    }

    /** CR bit {@code bi} (0 = most significant). */
    boolean crBit(int bi) {
        return (cr >>> (31 - bi) & 1) != 0;
    }

    /** XER[SO] as the CR SO bit (1 or 0). */
    int so() {
        return (int) (xer >>> 31) & 1;
    }

    /** Records {@code result} in CR0: signed compare with 0 in the mode's width, plus SO. */
    void cr0(long result) {
        long v = sf ? result : (int) result;
        setCrField(0, (v < 0 ? 8 : v > 0 ? 4 : 2) | so());
    }

    /** Signed (or unsigned) compare result bits of {@code a} with {@code b}, plus SO. */
    int compare(long a, long b, boolean signed) {
        int c = signed ? Long.compare(a, b) : Long.compareUnsigned(a, b);
        return (c < 0 ? 8 : c > 0 ? 4 : 2) | so();
    }

    // ---- IsaCore -----------------------------------------------------------------------------

    @Override
    public int step() {
        long cia = pc;
        int w = bus.fetch32(ea(cia));
        lastWord = w;
        int s = execute(w, cia);
        if (s == Step.NEXT) {
            pc = ia(cia + 4);
        }
        return s;
    }

    private int execute(int w, long cia) {
        switch (w >>> 26) {
            case 16: case 18: case 19: case 17:
                return PpcControl.execute(this, w, cia);
            case 31:
                return PpcAlu.x31(this, w, cia);
            case 30: case 20: case 21: case 23:
                return PpcAlu.rotate(this, w);
            case 32: case 33: case 34: case 35: case 36: case 37: case 38: case 39:
            case 40: case 41: case 42: case 43: case 44: case 45: case 58: case 62:
                return PpcMemory.dForm(this, w);
            default:
                return PpcAlu.immediate(this, w);
        }
    }

    /** True if instruction {@code w} ends a basic block (branches, op 19, sc, MSR writes). */
    static boolean endsBlock(int w) {
        int op = w >>> 26;
        if (op == 16 || op == 17 || op == 18 || op == 19) {
            return true;
        }
        int xo = w >>> 1 & 0x3ff;
        return op == 31 && (xo == 146 || xo == 178);
    }

    @Override
    public long pc() {
        return pc;
    }

    @Override
    public void enter(long begin) {
        pc = ia(begin);
    }

    @Override
    public long stopAddress(long until) {
        return ia(until);
    }

    @Override
    public int instructionSize(long address) {
        return 4;
    }

    @Override
    public int blockSize(long address, long until) {
        // ea(x) == x & mask: real-mode masking on 64-bit, the 4 GiB wrap in 32-bit mode.
        long mask = is64 ? (sf ? -1L : M32) & REAL_MODE_MASK : M32;
        return WordBlocks.size(bus, address, until, mask, PpcCore::endsBlock);
    }

    @Override
    public long runIdiom(long maxInstructions, long until) {
        return PpcLoopIdiom.run(this, maxInstructions, until);
    }

    @Override
    public int exceptionNumber() {
        return exception;
    }

    @Override
    public String invalidDetail() {
        int w = lastWord;
        int b0 = w >>> 24 & 0xff;
        int b1 = w >>> 16 & 0xff;
        int b2 = w >>> 8 & 0xff;
        int b3 = w & 0xff;
        String bytes = bus.isBigEndian() ? String.format("%02x %02x %02x %02x", b0, b1, b2, b3)
                : String.format("%02x %02x %02x %02x", b3, b2, b1, b0);
        return String.format("bytes %s (word 0x%08x: primary opcode %d, extended opcode %d) are not an "
                + "instruction the Java engine implements for %s", bytes, w, w >>> 26, w >>> 1 & 0x3ff, arch);
    }

    @Override
    public long readRegister(Register register) {
        PpcRegister r = (PpcRegister) register;
        long v;
        switch (r) {
            case PC: v = pc; break;
            case LR: v = lr; break;
            case CTR: v = ctr; break;
            case MSR: v = msr; break;
            case CR: return cr & M32;
            case XER: v = xer; break;
            default: v = gpr[r.ordinal()];
        }
        return is64 ? v : v & M32;
    }

    @Override
    public void writeRegister(Register register, long value) {
        PpcRegister r = (PpcRegister) register;
        long v = is64 ? value : value & M32;
        switch (r) {
            case PC: pc = v; break;
            case LR: lr = v; break;
            case CTR: ctr = v; break;
            case MSR: setMsr(v); break;
            case CR: cr = (int) value; break;
            case XER: xer = value & xerMask(); break;
            default: gpr[r.ordinal()] = v;
        }
    }

    @Override
    public int stateSize() {
        return STATE;
    }

    @Override
    public void save(long[] s) {
        System.arraycopy(gpr, 0, s, 0, 32);
        s[32] = pc;
        s[33] = lr;
        s[34] = ctr;
        s[35] = msr;
        s[36] = cr;
        s[37] = xer;
        s[38] = srr0;
        s[39] = srr1;
        System.arraycopy(sprg, 0, s, 40, 4);
        hypervisor.save(s, 46);
    }

    @Override
    public void restore(long[] s) {
        System.arraycopy(s, 0, gpr, 0, 32);
        pc = s[32];
        lr = s[33];
        ctr = s[34];
        setMsr(s[35]);
        cr = (int) s[36];
        xer = s[37];
        srr0 = s[38];
        srr1 = s[39];
        System.arraycopy(s, 40, sprg, 0, 4);
        hypervisor.restore(s, 46);
    }
}
