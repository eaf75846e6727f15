package org.kexeclab.arm.interp;

import org.kexeclab.engine.interp.GuestBus;
import org.kexeclab.engine.interp.Step;

/**
 * A32 loads and stores: {@code ldr/str/ldrb/strb} with an immediate or (shifted) register offset,
 * offset, pre-indexed or post-indexed, and {@code ldm/stm} in all four modes with optional
 * writeback. Every load happens before any register is written. Unaligned {@code ldr/str} are
 * allowed (SCTLR.A clear, ARMv7); an unaligned {@code ldm/stm} raises an alignment fault
 * ({@link A32Core#EXCP_DATA_ABORT}, the PC left on it), as the architecture requires. Unprivileged
 * ({@code ldrt}), user-bank and unpredictable forms (writeback onto the transfer register or r15,
 * empty lists) are {@link Step#INVALID}.
 */
final class A32Memory {
    private A32Memory() {
    }

    static int single(A32Core c, int w) {
        boolean register = (w & 1 << 25) != 0;
        if (register && (w & 0x10) != 0) {
            return Step.INVALID; // media instructions
        }
        boolean p = (w & 1 << 24) != 0;
        boolean up = (w & 1 << 23) != 0;
        boolean byteSize = (w & 1 << 22) != 0;
        boolean wback = !p || (w & 1 << 21) != 0;
        boolean load = (w & 1 << 20) != 0;
        int n = w >>> 16 & 15;
        int t = w >>> 12 & 15;
        int m = w & 15;
        if ((!p && (w & 1 << 21) != 0) || (wback && (n == 15 || n == t)) || (register && m == 15)
                || (byteSize && t == 15)) {
            return Step.INVALID;
        }
        if (!c.pass) {
            return Step.NEXT;
        }
        int offset = register ? A32DataProcessing.shiftImmediate(c, c.r[m], w >>> 5 & 3, w >>> 7 & 31) : w & 0xfff;
        int base = n == 15 ? (c.r[15] + 8) & ~3 : c.r[n];
        int updated = up ? base + offset : base - offset;
        long address = (p ? updated : base) & A32Core.M32;
        GuestBus bus = c.bus;
        if (load) {
            int v = byteSize ? bus.load8(address) : bus.load32(address);
            if (t == 15 && A32Core.badTarget(v)) {
                return Step.INVALID;
            }
            if (wback) {
                c.r[n] = updated;
            }
            if (t == 15) {
                c.bxWritePc(v);
                return Step.END_BLOCK;
            }
            c.r[t] = v;
        } else {
            int v = c.reg(t);
            if (byteSize) {
                bus.store8(address, v);
            } else {
                bus.store32(address, v);
            }
            if (wback) {
                c.r[n] = updated;
            }
        }
        return Step.NEXT;
    }

    static int multiple(A32Core c, int w) {
        boolean p = (w & 1 << 24) != 0;
        boolean up = (w & 1 << 23) != 0;
        boolean wback = (w & 1 << 21) != 0;
        boolean load = (w & 1 << 20) != 0;
        int n = w >>> 16 & 15;
        int list = w & 0xffff;
        int count = Integer.bitCount(list);
        boolean inList = (list >>> n & 1) != 0;
        if ((w & 1 << 22) != 0 || n == 15 || count == 0 || (load && wback && inList)
                || (!load && wback && inList && Integer.numberOfTrailingZeros(list) != n)) {
            return Step.INVALID;
        }
        if (!c.pass) {
            return Step.NEXT;
        }
        int base = c.r[n];
        int start = up ? (p ? base + 4 : base) : (p ? base - 4 * count : base - 4 * count + 4);
        if ((start & 3) != 0) {
            c.exception = A32Core.EXCP_DATA_ABORT;
            return Step.EXCEPTION;
        }
        int updated = up ? base + 4 * count : base - 4 * count;
        long a = start & A32Core.M32;
        GuestBus bus = c.bus;
        if (load) {
            for (int i = 0; i < 16; i++) {
                if ((list >>> i & 1) != 0) {
                    c.loaded[i] = bus.load32(a);
                    a = (a + 4) & A32Core.M32;
                }
            }
            return finishLoad(c, list, wback, n, updated);
        }
        for (int i = 0; i < 16; i++) {
            if ((list >>> i & 1) != 0) {
                bus.store32(a, c.reg(i));
                a = (a + 4) & A32Core.M32;
            }
        }
        if (wback) {
            c.r[n] = updated;
        }
        return Step.NEXT;
    }

    private static int finishLoad(A32Core c, int list, boolean wback, int n, int updated) {
        if ((list & 0x8000) != 0 && A32Core.badTarget(c.loaded[15])) {
            return Step.INVALID;
        }
        for (int i = 0; i < 15; i++) {
            if ((list >>> i & 1) != 0) {
                c.r[i] = c.loaded[i];
            }
        }
        if (wback) {
            c.r[n] = updated;
        }
        if ((list & 0x8000) != 0) {
            c.bxWritePc(c.loaded[15]);
            return Step.END_BLOCK;
        }
        return Step.NEXT;
    }
}
