package org.kexeclab.x86.interp;

import org.kexeclab.engine.interp.GuestBus;
import org.kexeclab.engine.interp.Step;

/**
 * movs and stos, with or without {@code rep} (f2 and f3 both repeat these two, as on hardware).
 * A repeated instruction runs all its iterations in one step (Unicorn counts one per iteration);
 * after a fault RCX, RSI and RDI say how many iterations completed and RIP stays on it.
 *
 * <p>With a 32-bit address size (32-bit mode, or a {@code 67} prefix in 64-bit mode) the
 * instruction uses ESI, EDI and ECX: addresses wrap at 4 GiB, and each write of the three
 * registers zero-extends, as QEMU does.
 *
 * <p>{@code rep movsq} and {@code rep movsd} with DF clear copy page-sized runs in bulk through
 * {@link GuestBus#copyForward}, which only does so when that is exactly equivalent to the
 * element copies (no memory hook, both runs inside mapped pages, no forward overlap); anything
 * else goes element by element, in the architectural order.
 */
final class X86Strings {
    private static final int PAGE = GuestBus.PAGE_SIZE;

    private X86Strings() {
    }

    static int movs(X86Core c, int size) {
        long mask = c.addr32 ? X86Core.M32 : -1L;
        long d = (c.flags & X86Core.DF) != 0 ? -size : size;
        if (c.rep == 0) {
            element(c, size, d, mask);
            return Step.NEXT;
        }
        boolean bulk = size >= 4 && d > 0;
        long[] r = c.r;
        while ((r[1] & mask) != 0) {
            if (bulk && bulkRun(c, size, mask)) {
                continue;
            }
            element(c, size, d, mask);
            r[1] = r[1] - 1 & mask;
        }
        c.rip = c.ip & c.addressMask;
        return Step.END_BLOCK;
    }

    /** One element: load [rsi], store [rdi], step both by {@code d}, within the address size {@code mask}. */
    private static void element(X86Core c, int size, long d, long mask) {
        long[] r = c.r;
        long v = c.load(r[6] & mask, size);
        c.store(r[7] & mask, size, v);
        r[6] = r[6] + d & mask;
        r[7] = r[7] + d & mask;
    }

    /** Copies as many elements as fit in the current source and destination pages; false if none. */
    private static boolean bulkRun(X86Core c, int size, long mask) {
        long[] r = c.r;
        long src = r[6] & mask;
        long dst = r[7] & mask;
        int room = Math.min(PAGE - ((int) src & (PAGE - 1)), PAGE - ((int) dst & (PAGE - 1))) / size;
        long count = r[1] & mask;
        long n = Long.compareUnsigned(count, room) < 0 ? count : room;
        if (n == 0 || !c.bus.copyForward(dst, src, (int) n * size)) {
            return false;
        }
        r[6] = src + n * size & mask;
        r[7] = dst + n * size & mask;
        r[1] = count - n;
        return true;
    }

    static int stos(X86Core c, int size) {
        long mask = c.addr32 ? X86Core.M32 : -1L;
        long d = (c.flags & X86Core.DF) != 0 ? -size : size;
        long[] r = c.r;
        if (c.rep == 0) {
            c.store(r[7] & mask, size, r[0]);
            r[7] = r[7] + d & mask;
            return Step.NEXT;
        }
        while ((r[1] & mask) != 0) {
            c.store(r[7] & mask, size, r[0]);
            r[7] = r[7] + d & mask;
            r[1] = r[1] - 1 & mask;
        }
        c.rip = c.ip & c.addressMask;
        return Step.END_BLOCK;
    }
}
