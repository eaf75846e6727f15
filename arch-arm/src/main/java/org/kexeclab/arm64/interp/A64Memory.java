package org.kexeclab.arm64.interp;

import org.kexeclab.engine.interp.GuestBus;
import org.kexeclab.engine.interp.Step;

/**
 * A64 general-register loads and stores: {@code ldr/str} of bytes, halfwords, words and
 * doublewords (zero- or sign-extending) with an unsigned scaled offset, an unscaled offset, pre-
 * or post-index writeback or a register offset; {@code ldr} literal and {@code prfm} (a no-op);
 * {@code ldp/stp/ldpsw/ldnp/stnp}. Every access happens before any register is written, so a
 * faulting instruction changes nothing. Alignment follows the architecture, not Unicorn 2.0.1 (which
 * never checks): with SCTLR_EL1.M clear every data access is to Device memory, so any unaligned
 * access is an alignment fault; with M set, SCTLR_EL1.A decides. The fault is CPU exception
 * {@link #EXCP_DATA_ABORT} with the PC left on the instruction. Writeback onto the transfer register (constrained
 * unpredictable) and SIMD/FP, exclusive and atomic forms are {@link Step#INVALID}.
 */
final class A64Memory {
    /** QEMU's {@code EXCP_DATA_ABORT}, the number of an alignment fault. */
    static final int EXCP_DATA_ABORT = 4;

    private A64Memory() {
    }

    /** True (and the fault recorded) if an access of {@code size} bytes at {@code address} must fault for alignment. */
    private static boolean misaligned(A64Core c, long address, int size) {
        if ((address & (size - 1)) == 0) {
            return false;
        }
        long sctlr = c.sys[0];
        if ((sctlr & 1) != 0 && (sctlr & 2) == 0) {
            return false;
        }
        c.exception = EXCP_DATA_ABORT;
        return true;
    }

    static int execute(A64Core c, int w, long cia) {
        if ((w & 1 << 26) != 0) {
            return Step.INVALID;
        }
        switch (w >>> 28 & 3) {
            case 1: return (w & 1 << 24) == 0 ? literal(c, w, cia) : Step.INVALID;
            case 2: return pair(c, w);
            case 3: return single(c, w);
            default: return Step.INVALID;
        }
    }

    private static int literal(A64Core c, int w, long cia) {
        long address = cia + ((long) (w << 8 >> 13) << 2);
        int t = w & 31;
        if ((w >>> 30) != 3 && misaligned(c, address, (w >>> 30) == 1 ? 8 : 4)) {
            return Step.EXCEPTION;
        }
        switch (w >>> 30) {
            case 0: c.setXr(t, c.bus.load32(address) & A64Core.M32); break;
            case 1: c.setXr(t, c.bus.load64(address)); break;
            case 2: c.setXr(t, c.bus.load32(address)); break;
            default: break; // prfm: a hint
        }
        return Step.NEXT;
    }

    private static int single(A64Core c, int w) {
        int size = w >>> 30;
        int opc = w >>> 22 & 3;
        int n = w >>> 5 & 31;
        int t = w & 31;
        long base = c.x[n];
        long offset;
        boolean wback = false;
        boolean post = false;
        if ((w & 1 << 24) != 0) {
            offset = (long) (w >>> 10 & 0xfff) << size;
        } else if ((w & 1 << 21) == 0) {
            int mode = w >>> 10 & 3;
            if (mode == 2) {
                return Step.INVALID; // ldtr/sttr
            }
            offset = w << 11 >> 23;
            wback = mode != 0;
            post = mode == 1;
        } else if ((w >>> 10 & 3) == 2 && (w & 1 << 14) != 0) {
            int option = w >>> 13 & 7;
            int amount = (w & 1 << 12) != 0 ? size : 0;
            offset = A64DataRegister.extend(c.xr(w >>> 16 & 31), option) << amount;
        } else {
            return Step.INVALID;
        }
        boolean prefetch = size == 3 && opc == 2;
        if ((opc == 3 && size >= 2) || (prefetch && wback) || (wback && n == t && n != 31)) {
            return Step.INVALID;
        }
        long address = post ? base : base + offset;
        if (!prefetch && misaligned(c, address, 1 << size)) {
            return Step.EXCEPTION;
        }
        if (!prefetch) {
            transfer(c, address, size, opc, t);
        }
        if (wback) {
            c.x[n] = base + offset;
        }
        return Step.NEXT;
    }

    /** Performs one access: opc 0 store, 1 load zero-extended, 2 load sign-extended to 64, 3 to 32 bits. */
    private static void transfer(A64Core c, long address, int size, int opc, int t) {
        GuestBus bus = c.bus;
        if (opc == 0) {
            long v = c.xr(t);
            switch (size) {
                case 0: bus.store8(address, (int) v); break;
                case 1: bus.store16(address, (int) v); break;
                case 2: bus.store32(address, (int) v); break;
                default: bus.store64(address, v); break;
            }
            return;
        }
        long v;
        switch (size) {
            case 0: v = opc == 1 ? bus.load8(address) : (byte) bus.load8(address); break;
            case 1: v = opc == 1 ? bus.load16(address) : (short) bus.load16(address); break;
            case 2: v = opc == 1 ? bus.load32(address) & A64Core.M32 : bus.load32(address); break;
            default: v = bus.load64(address); break;
        }
        c.setXr(t, opc == 3 ? v & A64Core.M32 : v);
    }

    private static int pair(A64Core c, int w) {
        int opc = w >>> 30;
        int mode = w >>> 23 & 3;
        boolean load = (w & 1 << 22) != 0;
        int t = w & 31;
        int t2 = w >>> 10 & 31;
        int n = w >>> 5 & 31;
        boolean wback = mode == 1 || mode == 3;
        if (opc == 3 || (opc == 1 && (!load || mode == 0)) || (load && t == t2)
                || (wback && (t == n || t2 == n) && n != 31)) {
            return Step.INVALID;
        }
        int scale = 2 + (opc >>> 1);
        long offset = (long) (w << 10 >> 25) << scale;
        long base = c.x[n];
        long address = mode == 1 ? base : base + offset;
        int bytes = 1 << scale;
        if (misaligned(c, address, bytes)) {
            return Step.EXCEPTION;
        }
        GuestBus bus = c.bus;
        if (load) {
            long a;
            long b;
            if (scale == 3) {
                a = bus.load64(address);
                b = bus.load64(address + 8);
            } else {
                a = bus.load32(address);
                b = bus.load32(address + 4);
                if (opc == 0) {
                    a &= A64Core.M32;
                    b &= A64Core.M32;
                }
            }
            c.setXr(t, a);
            c.setXr(t2, b);
        } else if (scale == 3) {
            bus.store64(address, c.xr(t));
            bus.store64(address + bytes, c.xr(t2));
        } else {
            bus.store32(address, (int) c.xr(t));
            bus.store32(address + bytes, (int) c.xr(t2));
        }
        if (wback) {
            c.x[n] = base + offset;
        }
        return Step.NEXT;
    }
}
