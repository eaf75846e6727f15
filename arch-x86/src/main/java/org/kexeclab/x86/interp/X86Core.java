package org.kexeclab.x86.interp;

import org.kexeclab.engine.Register;
import org.kexeclab.engine.interp.GuestBus;
import org.kexeclab.engine.interp.IsaCore;
import org.kexeclab.engine.interp.Step;
import org.kexeclab.x86.I386Register;
import org.kexeclab.x86.X86Boundary;
import org.kexeclab.x86.X86Mode;
import org.kexeclab.x86.X86Register;

/**
 * The x86 register file, instruction fetch and operand decoding (prefixes, REX, ModRM, SIB,
 * RIP-relative) of the Java engine, in flat 64-bit mode (x86_64) or in flat 32-bit protected mode
 * (i386), as Unicorn starts each ({@link X86Mode}).
 *
 * <p>Control registers hold exactly what is written (reset: CR0 = 0x11, CR4 = 0, as Unicorn),
 * and reserved-bit writes do not fault. In 64-bit mode, while CR0.PG and CR4.PAE are both set,
 * every access goes through four-level paging ({@link X86Paging}, installed in the bus, whose
 * TLBs every CR0, CR3 or CR4 write flushes); a walk that faults is reported as every memory
 * fault is (a memory fault at the virtual address, RIP on the instruction), with CR2 set to that
 * address as #PF sets it. With either bit clear, and always in 32-bit mode, addresses are physical. Execution is split over {@link X86Exec} (one-byte opcodes),
 * {@link X86TwoByte} (0F opcodes), {@link X86Alu} (flags), {@link X86Strings} and
 * {@link X86Segments} (32-bit segment loads).
 *
 * <p>In 32-bit mode there is no REX, {@code [disp32]} is absolute, addresses, the stack and EIP
 * wrap at 4 GiB, stack slots are 4 bytes, and every register holds a 32-bit value; the registers
 * are {@link I386Register}s, each the low half of its {@link X86Register}. 16-bit addressing
 * ({@code 67}) is not implemented.
 */
final class X86Core implements IsaCore {
    static final long M32 = 0xffff_ffffL;
    static final int CF = 0x1;
    static final int PF = 0x4;
    static final int AF = 0x10;
    static final int ZF = 0x40;
    static final int SF = 0x80;
    static final int TF = 0x100;
    static final int IF = 0x200;
    static final int DF = 0x400;
    static final int OF = 0x800;
    static final int ARITH = CF | PF | AF | ZF | SF | OF;
    /** Exception vector of the single-step trap raised after an instruction run with TF set. */
    static final int EXC_DEBUG = 1;
    /** Where {@link #save} puts RIP, RFLAGS and CR0, CR2, CR3, CR4 (after the 16 general registers). */
    private static final int CONTROL_AT = 16;
    /** Where {@link #save} puts the six segment selectors. */
    private static final int SEG_AT = CONTROL_AT + 6;
    /** Where {@link #save} puts the GDT and IDT bases and limits. */
    private static final int TABLES_AT = SEG_AT + 6;
    /** Longs in a saved state: every field {@link #save} writes. */
    private static final int STATE = TABLES_AT + 4;
    /** X86Register ordinal (RAX, RBX, RCX, RDX, RSI, RDI, RBP, RSP, R8..) -> hardware number. */
    private static final int[] HW = {0, 3, 1, 2, 6, 7, 5, 4, 8, 9, 10, 11, 12, 13, 14, 15};

    final GuestBus bus;
    /** The page-table walk, in the bus while paging is on. */
    private final X86Paging paging;
    /** The code size: 64-bit long mode or 32-bit protected mode. */
    final X86Mode mode;
    /** True in 64-bit long mode. */
    final boolean long64;
    /** All ones in the width of an address, EIP and a register's value: 64 bits, or 32 in 32-bit mode. */
    final long addressMask;
    /** General registers in hardware order (rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8..r15). */
    final long[] r = new long[16];
    long rip;
    long flags = 0x2;
    long cr0 = 0x11;
    long cr2;
    long cr3;
    long cr4;
    final long[] seg = new long[6];
    long gdtBase;
    long gdtLimit;
    long idtBase;
    long idtLimit;
    int exception = -1;
    /** Why the last instruction was invalid when it is more than its bytes (a segment the engine does not model), else null. */
    String invalidNote;

    /** Bytes read quietly for {@link #instructionSize} and {@link #blockSize} (hooks only, never a step). */
    private final byte[] peekBytes = new byte[X86Boundary.MAX_LENGTH];
    /** Where the instruction {@link #peekDecode} decoded last lies: a code page or {@link #peekBytes}. */
    private byte[] peekArray;
    private int peekAt;

    // ---- the instruction being decoded ----
    final byte[] insn = new byte[16];
    int len;
    long ip;
    int rex;
    int opsize;
    int rep;
    boolean addr32;
    int mod;
    int reg;
    int rm;
    boolean isMem;
    boolean ripRel;
    long disp;
    /** New arithmetic flags of the current instruction, committed after its stores. */
    int nf;

    X86Core(GuestBus bus, X86Mode mode) {
        this.bus = bus;
        this.mode = mode;
        this.long64 = mode.isLong();
        this.addressMask = long64 ? -1L : M32;
        this.paging = new X86Paging(bus);
        bus.bigEndian(false);
    }

    /**
     * After a write of CR0, CR3 or CR4: installs the walk in the bus while 64-bit paging is on
     * (CR0.PG and CR4.PAE), removes it otherwise; either way the bus's TLBs are flushed.
     */
    void controlChanged() {
        boolean on = long64 && (cr0 & X86Paging.CR0_PG) != 0 && (cr4 & X86Paging.CR4_PAE) != 0;
        paging.load(cr0, cr3);
        bus.translation(on ? paging : null);
    }

    // ---- fetch and decode ----------------------------------------------------------------------

    int fetch8() {
        int b = bus.fetch8(ip);
        if (len < insn.length) {
            insn[len] = (byte) b;
        }
        len++;
        ip++;
        return b;
    }

    long fetchImm(int size) {
        switch (size) {
            case 1: return (byte) fetch8();
            case 2: return (short) (fetch8() | fetch8() << 8);
            default: return fetch32();
        }
    }

    int fetch32() {
        return fetch8() | fetch8() << 8 | fetch8() << 16 | fetch8() << 24;
    }

    /** Reads a ModRM byte (and SIB and displacement), setting reg, rm/ea fields. */
    void modrm() {
        int m = fetch8();
        mod = m >>> 6;
        reg = (m >>> 3 & 7) | (rex & 4) << 1;
        int low = m & 7;
        if (mod == 3) {
            rm = low | (rex & 1) << 3;
            isMem = false;
            return;
        }
        isMem = true;
        ripRel = false;
        long a;
        if (low == 4) {
            int sib = fetch8();
            int index = (sib >>> 3 & 7) | (rex & 2) << 2;
            a = index == 4 ? 0 : r[index] << (sib >>> 6);
            if ((sib & 7) == 5 && mod == 0) {
                a += fetch32();
            } else {
                a += r[(sib & 7) | (rex & 1) << 3];
            }
        } else if (low == 5 && mod == 0) {
            ripRel = long64;   // 32-bit mode: absolute [disp32]
            a = fetch32();
        } else {
            a = r[low | (rex & 1) << 3];
        }
        if (mod == 1) {
            a += (byte) fetch8();
        } else if (mod == 2) {
            a += fetch32();
        }
        disp = a;
    }

    /** The effective address of the memory operand; call after every immediate is fetched. */
    long ea() {
        return wrap(ripRel ? ip + disp : disp);
    }

    /** {@code a} reduced to the instruction's address size (32 bits under a 0x67 prefix). */
    long wrap(long a) {
        return addr32 ? a & M32 : a;
    }

    // ---- operands ----------------------------------------------------------------------------

    long getReg(int n, int size) {
        switch (size) {
            case 8: return r[n];
            case 4: return r[n] & M32;
            case 2: return r[n] & 0xffff;
            default:
                return rex == 0 && n >= 4 && n < 8 ? r[n - 4] >>> 8 & 0xff : r[n] & 0xff;
        }
    }

    void setReg(int n, int size, long v) {
        switch (size) {
            case 8: r[n] = v; break;
            case 4: r[n] = v & M32; break;
            case 2: r[n] = r[n] & ~0xffffL | v & 0xffff; break;
            default:
                if (rex == 0 && n >= 4 && n < 8) {
                    r[n - 4] = r[n - 4] & ~0xff00L | (v & 0xff) << 8;
                } else {
                    r[n] = r[n] & ~0xffL | v & 0xff;
                }
        }
    }

    long load(long a, int size) {
        switch (size) {
            case 8: return bus.load64(a);
            case 4: return bus.load32(a) & M32;
            case 2: return bus.load16(a);
            default: return bus.load8(a);
        }
    }

    void store(long a, int size, long v) {
        switch (size) {
            case 8: bus.store64(a, v); break;
            case 4: bus.store32(a, (int) v); break;
            case 2: bus.store16(a, (int) v); break;
            default: bus.store8(a, (int) v);
        }
    }

    long readRm(int size) {
        return isMem ? load(ea(), size) : getReg(rm, size);
    }

    void writeRm(int size, long v) {
        if (isMem) {
            store(ea(), size, v);
        } else {
            setReg(rm, size, v);
        }
    }

    /** Commits {@link #nf} into the arithmetic flags. */
    void commitFlags() {
        flags = flags & ~ARITH | nf;
    }

    /** Pushes {@code v} as one stack slot (8 bytes, or 4 in 32-bit mode). */
    void push(long v) {
        if (long64) {
            long sp = r[4] - 8;
            bus.store64(sp, v);
            r[4] = sp;
        } else {
            long sp = r[4] - 4 & M32;
            bus.store32(sp, (int) v);
            r[4] = sp;
        }
    }

    /** Pops one stack slot; the stack pointer moves only once the load has succeeded. */
    long pop() {
        if (long64) {
            long v = bus.load64(r[4]);
            r[4] += 8;
            return v;
        }
        long sp = r[4] & M32;
        long v = bus.load32(sp) & M32;
        r[4] = sp + 4 & M32;
        return v;
    }

    /** Bytes in a stack slot and a near branch target: 8, or 4 in 32-bit mode. */
    int slot() {
        return long64 ? 8 : 4;
    }

    // ---- IsaCore -----------------------------------------------------------------------------

    @Override
    public int step() {
        long start = rip;
        ip = start;
        len = 0;
        invalidNote = null;
        boolean trap = (flags & TF) != 0;
        int s;
        try {
            s = X86Exec.execute(this);
        } catch (GuestBus.MemoryFault fault) {
            if (bus.faultTranslation()) {
                cr2 = bus.faultAddress();   // the page fault's address, as #PF leaves it
            }
            throw fault;
        }
        if (s == Step.NEXT) {
            rip = ip & addressMask;
        } else if (s == Step.INVALID) {
            rip = start;
            return s;
        }
        if (trap && (s == Step.NEXT || s == Step.END_BLOCK)) {
            exception = EXC_DEBUG;
            return Step.EXCEPTION;
        }
        return s;
    }

    @Override
    public long pc() {
        return rip;
    }

    @Override
    public void enter(long begin) {
        rip = begin;
    }

    @Override
    public long stopAddress(long until) {
        return until;
    }

    @Override
    public int instructionSize(long address) {
        int d = peekDecode(address);
        return d < 0 ? 0 : X86Boundary.length(d);
    }

    @Override
    public int blockSize(long address, long until) {
        long a = address;
        do {
            int d = peekDecode(a);
            if (d < 0) {
                return (int) Math.max(1, a - address);
            }
            a += X86Boundary.length(d);
            if (X86Boundary.endsBlock(peekArray, peekAt, d)) {
                break;
            }
        } while (a != until && (a & (GuestBus.PAGE_SIZE - 1)) != 0);
        return (int) (a - address);
    }

    /**
     * Decodes the instruction at {@code address} from executable memory read quietly (no fault, no
     * hook), straight from its page or, across a page end, copied into {@link #peekBytes}; -1 if its
     * bytes cannot be read or do not form an instruction.
     */
    private int peekDecode(long address) {
        byte[] page = bus.codePage(address);
        if (page == null) {
            return -1;
        }
        int offset = (int) address & (GuestBus.PAGE_SIZE - 1);
        if (GuestBus.PAGE_SIZE - offset >= X86Boundary.MAX_LENGTH) {
            peekArray = page;
            peekAt = offset;
            return X86Boundary.decode(page, offset, X86Boundary.MAX_LENGTH, mode);
        }
        int n = peekBytes(address, 0, X86Boundary.MAX_LENGTH);   // the instruction may go on in the next page
        peekArray = peekBytes;
        peekAt = 0;
        return X86Boundary.decode(peekBytes, 0, n, mode);
    }

    /**
     * Reads bytes {@code [from, to)} of the code at {@code address} into {@link #peekBytes}, a
     * word at a time; returns how many bytes from 0 are there (fewer where memory ends).
     */
    private int peekBytes(long address, int from, int to) {
        int n = from;
        while (n < to) {
            long a = address + n;
            long w = bus.peek32(a & ~3L, -1);
            if (w < 0) {
                break;
            }
            for (int k = (int) (a & 3); k < 4 && n < to; k++) {
                peekBytes[n++] = (byte) (w >>> (8 * k));
            }
        }
        return n;
    }

    /** In 64-bit mode: four-level paging ({@link X86Paging}); 32-bit mode has no paging here. */
    @Override
    public boolean translatesAddresses() {
        return long64;
    }

    @Override
    public int exceptionNumber() {
        return exception;
    }

    @Override
    public String invalidDetail() {
        StringBuilder b = new StringBuilder("bytes");
        for (int i = 0; i < Math.min(len, insn.length); i++) {
            b.append(String.format(" %02x", insn[i] & 0xff));
        }
        String arch = long64 ? "x86_64" : "i386";
        if (invalidNote != null) {
            return b + " (" + invalidNote + ") are not an instruction the Java engine implements for " + arch;
        }
        return b + " are not an instruction the Java engine implements for " + arch;
    }

    /** The 64-bit register whose state {@code register} names: itself, or the register an i386 one is the low half of. */
    private static X86Register wide(Register register) {
        return register instanceof I386Register i ? i.wide() : (X86Register) register;
    }

    @Override
    public long readRegister(Register register) {
        X86Register x = wide(register);
        int o = x.ordinal();
        if (o < 16) {
            return r[HW[o]] & addressMask;
        }
        switch (x) {
            case RIP: return rip;
            case RFLAGS: return flags;
            case CR0: return cr0;
            case CR2: return cr2;
            case CR3: return cr3;
            case CR4: return cr4;
            default: return seg[o - X86Register.CS.ordinal()];
        }
    }

    /** Writes {@code value}, cut to 32 bits in 32-bit mode (an i386 register holds no more). */
    @Override
    public void writeRegister(Register register, long value) {
        X86Register x = wide(register);
        long v = value & addressMask;
        int o = x.ordinal();
        if (o < 16) {
            r[HW[o]] = v;
            return;
        }
        switch (x) {
            case RIP: rip = v; break;
            case RFLAGS: flags = v; break;
            case CR0: cr0 = v; controlChanged(); break;
            case CR2: cr2 = v; break;
            case CR3: cr3 = v; controlChanged(); break;
            case CR4: cr4 = v; controlChanged(); break;
            default: seg[o - X86Register.CS.ordinal()] = v & 0xffff;
        }
    }

    @Override
    public int stateSize() {
        return STATE;
    }

    @Override
    public void save(long[] s) {
        System.arraycopy(r, 0, s, 0, CONTROL_AT);
        s[CONTROL_AT] = rip;
        s[CONTROL_AT + 1] = flags;
        s[CONTROL_AT + 2] = cr0;
        s[CONTROL_AT + 3] = cr2;
        s[CONTROL_AT + 4] = cr3;
        s[CONTROL_AT + 5] = cr4;
        System.arraycopy(seg, 0, s, SEG_AT, seg.length);
        s[TABLES_AT] = gdtBase;
        s[TABLES_AT + 1] = gdtLimit;
        s[TABLES_AT + 2] = idtBase;
        s[TABLES_AT + 3] = idtLimit;
    }

    @Override
    public void restore(long[] s) {
        System.arraycopy(s, 0, r, 0, CONTROL_AT);
        rip = s[CONTROL_AT];
        flags = s[CONTROL_AT + 1];
        cr0 = s[CONTROL_AT + 2];
        cr2 = s[CONTROL_AT + 3];
        cr3 = s[CONTROL_AT + 4];
        cr4 = s[CONTROL_AT + 5];
        System.arraycopy(s, SEG_AT, seg, 0, seg.length);
        gdtBase = s[TABLES_AT];
        gdtLimit = s[TABLES_AT + 1];
        idtBase = s[TABLES_AT + 2];
        idtLimit = s[TABLES_AT + 3];
        controlChanged();
    }
}
