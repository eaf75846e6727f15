package org.kexeclab.x86.interp;

import org.kexeclab.engine.interp.GuestBus;
import org.kexeclab.engine.interp.Step;

/**
 * movs and stos, with or without {@code rep} (f2 and f3 both repeat these two, as on hardware).
 * A repeated instruction runs all its iterations in one step (Unicorn counts one per iteration);
 * after a fault RCX, RSI and RDI say how many iterations completed and RIP stays on it.
 *
 * <p>{@code rep movsq} with DF clear copies page-sized runs in bulk through
 * {@link GuestBus#copyForward}, which only does so when that is exactly equivalent to the
 * element copies (no memory hook, both runs inside mapped pages, no forward overlap); anything
 * else goes element by element, in the architectural order. 32-bit addressing is not implemented.
 */
final class X86Strings {
    private static final int PAGE = GuestBus.PAGE_SIZE;

    private X86Strings() {
    }

    static int movs(X86Core c, int size) {
        if (c.addr32) {
            return Step.INVALID;
        }
        long d = (c.flags & X86Core.DF) != 0 ? -size : size;
        if (c.rep == 0) {
            element(c, size, d);
            return Step.NEXT;
        }
        boolean bulk = size == 8 && d > 0;
        long[] r = c.r;
        while (r[1] != 0) {
            if (bulk && bulkRun(c)) {
                continue;
            }
            element(c, size, d);
            r[1]--;
        }
        c.rip = c.ip;
        return Step.END_BLOCK;
    }

    /** One element: load [rsi], store [rdi], step both by {@code d}. */
    private static void element(X86Core c, int size, long d) {
        long[] r = c.r;
        long v = c.load(r[6], size);
        c.store(r[7], size, v);
        r[6] += d;
        r[7] += d;
    }

    /** Copies as many quadwords as fit in the current source and destination pages; false if none. */
    private static boolean bulkRun(X86Core c) {
        long[] r = c.r;
        long src = r[6];
        long dst = r[7];
        int room = Math.min(PAGE - ((int) src & (PAGE - 1)), PAGE - ((int) dst & (PAGE - 1))) >>> 3;
        long n = Long.compareUnsigned(r[1], room) < 0 ? r[1] : room;
        if (n == 0 || !c.bus.copyForward(dst, src, (int) n * 8)) {
            return false;
        }
        r[6] = src + n * 8;
        r[7] = dst + n * 8;
        r[1] -= n;
        return true;
    }

    static int stos(X86Core c, int size) {
        if (c.addr32) {
            return Step.INVALID;
        }
        long d = (c.flags & X86Core.DF) != 0 ? -size : size;
        long[] r = c.r;
        if (c.rep == 0) {
            c.store(r[7], size, r[0]);
            r[7] += d;
            return Step.NEXT;
        }
        while (r[1] != 0) {
            c.store(r[7], size, r[0]);
            r[7] += d;
            r[1]--;
        }
        c.rip = c.ip;
        return Step.END_BLOCK;
    }
}
