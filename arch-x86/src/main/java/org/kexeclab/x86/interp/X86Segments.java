package org.kexeclab.x86.interp;

import org.kexeclab.engine.interp.Step;

/**
 * Segment loads in 32-bit protected mode at CPL 0: {@code mov sreg, r/m16} ({@code 8e}),
 * {@code mov r/m, sreg} ({@code 8c}), the far jump {@code jmp ptr16:32} ({@code ea}) and the
 * same-privilege far return {@code retf} ({@code cb}), which a purgatory needs to enter the
 * kernel with the boot protocol's selectors. A selector is loaded
 * from the GDT as QEMU (Unicorn 2.0.1) loads it, measured: an index past the GDT limit, a
 * selector into the LDT, a system descriptor, a data selector that names unreadable code or a
 * stack selector that names anything but writable data, or privilege levels that do not allow
 * the load at CPL 0 raise #GP (13), a descriptor not present
 * #NP (11, #SS 12 for SS), a null selector is taken for DS, ES, FS and GS and refused (#GP) for SS
 * and CS; loading a data segment register sets the descriptor's accessed bit in memory, the far
 * jump does not.
 *
 * <p>The engine keeps only the selectors: memory is addressed as if every segment were flat (base
 * 0, limit 4 GiB). A descriptor that is not flat, or a 16-bit code or stack segment, is
 * {@link Step#INVALID} with the reason, never run with the wrong addresses.
 */
final class X86Segments {
    static final int EXC_NP = 11;
    static final int EXC_SS = 12;
    static final int EXC_GP = 13;
    /** Hardware segment register number (es, cs, ss, ds, fs, gs) -> index into {@link X86Core#seg} (cs, ds, es, fs, gs, ss). */
    private static final int[] SEG_INDEX = {2, 0, 5, 1, 3, 4};
    private static final int CS = 1;
    private static final int SS = 2;
    /** Descriptor bits, in the high doubleword: accessed, readable/writable, code, S (code or data), present, 32-bit, 4 KiB granularity. */
    private static final long ACCESSED = 1L << 8;
    private static final long READ_WRITE = 1L << 9;
    private static final long CONFORMING = 1L << 10;
    private static final long CODE = 1L << 11;
    private static final long CODE_OR_DATA = 1L << 12;
    private static final long PRESENT = 1L << 15;
    private static final long BIG = 1L << 22;
    private static final long GRANULAR = 1L << 23;

    private X86Segments() {
    }

    /** 8e /r: mov sreg, r/m16. */
    static int load(X86Core c) {
        c.modrm();
        int sreg = c.reg & 7;
        if (sreg == CS || sreg > 5) {
            return Step.INVALID;
        }
        long selector = c.readRm(2);
        int s = loadData(c, sreg, selector);
        if (s == Step.NEXT) {
            c.seg[SEG_INDEX[sreg]] = selector;
        }
        return s;
    }

    /** 8c /r: mov r/m, sreg (a register gets the selector zero-extended to the operand size, memory 16 bits). */
    static int store(X86Core c) {
        c.modrm();
        int sreg = c.reg & 7;
        if (sreg > 5) {
            return Step.INVALID;
        }
        long selector = c.seg[SEG_INDEX[sreg]];
        c.writeRm(c.isMem ? 2 : c.opsize, selector);
        return Step.NEXT;
    }

    /** ea: jmp ptr16:32 (ptr16:16 under 66), a non-conforming or conforming code segment at CPL 0. */
    static int farJump(X86Core c) {
        long offset = c.opsize == 2 ? c.fetchImm(2) & 0xffff : c.fetch32() & X86Core.M32;
        long selector = c.fetchImm(2) & 0xffff;
        return loadCode(c, selector, offset);
    }

    /**
     * cb: retf with a 32-bit operand size: pops EIP, then a 4-byte slot whose low 16 bits are the
     * selector. Only the return to the same privilege (selector RPL 0) is implemented; a return
     * to an outer level is {@link Step#INVALID}. ESP moves only once the target is checked.
     */
    static int farReturn(X86Core c) {
        long sp = c.r[4] & X86Core.M32;
        long offset = c.load(sp, 4);
        long selector = c.load(sp + 4 & X86Core.M32, 4) & 0xffff;
        if ((selector & 3) != 0 && (selector & 0xfffc) != 0) {
            c.invalidNote = "a far return to an outer privilege level";
            return Step.INVALID;
        }
        int s = loadCode(c, selector, offset);
        if (s == Step.END_BLOCK) {
            c.r[4] = sp + 8 & X86Core.M32;
        }
        return s;
    }

    /** Loads CS with {@code selector} (a code segment at CPL 0) and EIP with {@code offset}. */
    private static int loadCode(X86Core c, long selector, long offset) {
        long hi = descriptor(c, selector);
        if (hi < 0) {
            return Step.EXCEPTION;
        }
        boolean privileged = (hi & CONFORMING) != 0 ? dpl(hi) == 0 : dpl(hi) == 0 && (selector & 3) == 0;
        if ((hi & (CODE_OR_DATA | CODE)) != (CODE_OR_DATA | CODE) || !privileged) {
            return fault(c, EXC_GP);
        }
        if ((hi & PRESENT) == 0) {
            return fault(c, EXC_NP);
        }
        if (!flat(c, selector, hi) || (hi & BIG) == 0) {
            c.invalidNote = (hi & BIG) == 0 ? "a jump into 16-bit code" : c.invalidNote;
            return Step.INVALID;
        }
        c.seg[SEG_INDEX[CS]] = selector & 0xfffc;   // RPL becomes the CPL, 0
        c.rip = offset;
        return Step.END_BLOCK;
    }

    /** Checks a data segment register load; sets the accessed bit. NEXT, or the exception or INVALID. */
    private static int loadData(X86Core c, int sreg, long selector) {
        if ((selector & 0xfffc) == 0) {
            return sreg == SS ? fault(c, EXC_GP) : Step.NEXT;
        }
        long hi = descriptor(c, selector);
        if (hi < 0) {
            return Step.EXCEPTION;
        }
        boolean code = (hi & CODE) != 0;
        long rpl = selector & 3;
        boolean usable = sreg == SS ? !code && (hi & READ_WRITE) != 0 && rpl == 0 && dpl(hi) == 0
                : (!code || (hi & READ_WRITE) != 0) && (code && (hi & CONFORMING) != 0 || rpl <= dpl(hi));
        if ((hi & CODE_OR_DATA) == 0 || !usable) {
            return fault(c, EXC_GP);
        }
        if ((hi & PRESENT) == 0) {
            return fault(c, sreg == SS ? EXC_SS : EXC_NP);
        }
        if (!flat(c, selector, hi) || sreg == SS && (hi & BIG) == 0) {
            c.invalidNote = sreg == SS && (hi & BIG) == 0 ? "a 16-bit stack segment" : c.invalidNote;
            return Step.INVALID;
        }
        if ((hi & ACCESSED) == 0) {
            c.store(gdtEntry(c, selector) + 4, 4, hi | ACCESSED);
        }
        return Step.NEXT;
    }

    /**
     * The high doubleword of {@code selector}'s GDT descriptor, or -1 with #GP raised when the
     * selector is null, in the LDT or past the GDT's limit.
     */
    private static long descriptor(X86Core c, long selector) {
        if ((selector & 0xfffc) == 0 || (selector & 4) != 0 || (selector | 7) > c.gdtLimit) {
            fault(c, EXC_GP);
            return -1;
        }
        return c.load(gdtEntry(c, selector) + 4, 4);
    }

    private static long dpl(long hi) {
        return hi >> 13 & 3;
    }

    private static long gdtEntry(X86Core c, long selector) {
        return c.gdtBase + (selector & ~7L) & X86Core.M32;
    }

    /** True if the descriptor is base 0 and 4 GiB; else notes why the engine cannot run it. */
    private static boolean flat(X86Core c, long selector, long hi) {
        long lo = c.load(gdtEntry(c, selector), 4);
        long base = lo >>> 16 | (hi & 0xff) << 16 | hi & 0xff00_0000L;
        long limit = lo & 0xffff | hi & 0xf_0000L;
        if ((hi & GRANULAR) != 0) {
            limit = limit << 12 | 0xfff;
        }
        if (base == 0 && limit == X86Core.M32) {
            return true;
        }
        c.invalidNote = String.format("selector 0x%x names a segment at base 0x%x with limit 0x%x; only flat 4 GiB "
                + "segments are implemented", selector, base, limit);
        return false;
    }

    /** Raises exception {@code vector} at the instruction (a fault: EIP stays on it). */
    private static int fault(X86Core c, int vector) {
        c.exception = vector;
        return Step.EXCEPTION;
    }
}
