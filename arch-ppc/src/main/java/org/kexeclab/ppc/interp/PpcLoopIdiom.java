package org.kexeclab.ppc.interp;

import org.kexeclab.engine.Perm;
import org.kexeclab.engine.interp.GuestBus;
import org.kexeclab.engine.interp.PageBytes;

/**
 * PowerPC loops run in bulk ({@link org.kexeclab.engine.interp.IsaCore#runIdiom}), each a
 * self-loop closed by {@code bdnz head} (BO 16, 17, 24 or 25: decrement CTR, branch while it is
 * not zero):
 * <pre>
 * copy:  lwzu rT,4(rA) | ldu rT,8(rA)      cache: dcbst 0,rP | dcbf 0,rP | icbi 0,rP
 *        stwu rT,4(rB) | stdu rT,8(rB)            addi rP,rP,SI
 *        [xor rX,rX,rT]                           bdnz head
 *        bdnz head
 * </pre>
 * with rA, rB, rT, rX (and rP) distinct, rA, rB, rP not r0. The copy moves the elements as that
 * loop would ({@link PageBytes#copy}) inside one source and one destination page that allow the
 * access; the cache
 * loop checks each line readable as the interpreter's {@code dcbst} does. Either stops early
 * (leaving the rest to the normal path, which reports any fault) rather than guess. The
 * two-block range flush ({@code cmpld; bge; dcbst; add; b}) is {@link PpcFlushIdiom}.
 */
final class PpcLoopIdiom {
    private PpcLoopIdiom() {
    }

    /** Runs iterations at {@code c}'s pc; returns instructions executed (0 if no idiom). */
    static long run(PpcCore c, long maxInstructions, long until) {
        long head = c.pc;
        GuestBus bus = c.bus;
        long w0 = bus.peek32(c.ea(head), -1);
        if (w0 < 0 || (c.ea(head) & 0xfff) > GuestBus.PAGE_SIZE - 16) {
            return 0;
        }
        int op = (int) w0 >>> 26;
        if (op == 31) {
            return ((int) w0 >>> 1 & 0x3ff) == 32 ? PpcFlushIdiom.run(c, head, (int) w0, maxInstructions, until)
                    : cacheLoop(c, head, (int) w0, maxInstructions, until);
        }
        if (op == 33 || op == 58 && c.is64) {
            return copyLoop(c, head, (int) w0, maxInstructions, until);
        }
        return 0;
    }

    /** True if {@code w} is {@code bdnz} back {@code len - 4} bytes to the loop head. */
    private static boolean bdnzHead(long w, int len) {
        int bo = (int) w >>> 21 & 31;
        return (w & 0xfc00_0003L) == 0x4000_0000L && (bo & 0x16) == 0x10 && (short) (w & 0xfffc) == 4 - len;
    }

    private static boolean inBody(long until, long head, int len) {
        return until - head >= 0 && until - head < len;
    }

    private static long copyLoop(PpcCore c, long head, int load, long maxInstructions, long until) {
        GuestBus bus = c.bus;
        int size = load >>> 26 == 33 ? 4 : 8;
        int t = load >>> 21 & 31;
        int a = load >>> 16 & 31;
        long store = bus.peek32(c.ea(head + 4), -1);
        int b = (int) store >>> 16 & 31;
        long storeWant = (size == 4 ? 37L : 62L) << 26 | t << 21 | (size == 4 ? 4 : 9); // stwu rT,4(rB) / stdu rT,8(rB)
        if ((load & 0xffff) != (size == 4 ? 4 : 9) || (store & 0xffe0_ffffL) != storeWant) {
            return 0;
        }
        int x = xorAccumulator(bus.peek32(c.ea(head + 8), -1), t);
        int len = x < 0 ? 12 : 16;
        if (!bdnzHead(bus.peek32(c.ea(head + len - 4), -1), len) || inBody(until, head, len) || !bus.codeUnhooked(head, len)
                || a == 0 || b == 0 || a == t || b == t || a == b || x == a || x == b || x == t) {
            return 0;
        }
        long n = PpcCopy.copy(c, head, len, size, t, a, b, x, maxInstructions / (len / 4));
        return n * (len / 4);
    }

    /** rX if {@code w} is {@code xor rX,rX,rT} (either operand order, no Rc), else -1. */
    private static int xorAccumulator(long w, int t) {
        if ((w & 0xfc00_07ffL) != (31L << 26 | 316 << 1)) {
            return -1;
        }
        int s = (int) w >>> 21 & 31;
        int x = (int) w >>> 16 & 31;
        int b = (int) w >>> 11 & 31;
        return s == x && b == t || b == x && s == t ? x : -1;
    }

    private static long cacheLoop(PpcCore c, long head, int w, long maxInstructions, long until) {
        GuestBus bus = c.bus;
        int xo = w >>> 1 & 0x3ff;
        int p = w >>> 11 & 31;
        long addi = bus.peek32(c.ea(head + 4), -1);
        if ((w & 1) != 0 || (w >>> 16 & 31) != 0 || !(xo == 86 || (xo == 54 || xo == 982) && (w >>> 21 & 31) == 0)
                || p == 0 || (addi & 0xffff_0000L) != (14L << 26 | p << 21 | p << 16)
                || !bdnzHead(bus.peek32(c.ea(head + 8), -1), 12) || inBody(until, head, 12) || !bus.codeUnhooked(head, 12)) {
            return 0;
        }
        long si = (short) addi;
        long max = maxInstructions / 3;
        long i = 0;
        boolean again = true;
        while (again && i < max) {
            long address = c.ea(c.gpr[p]);
            if (bus.bulkPage(address, Perm.READ) == null) {
                break;
            }
            long k = Math.min(max - i, linesInPage(address, si));
            long left = c.sf ? c.ctr : c.ctr & PpcCore.M32; // iterations until bdnz falls through; 0: 2^32 or 2^64
            k = left != 0 && Long.compareUnsigned(left, k) < 0 ? left : k;
            c.gpr[p] += si * k;
            c.ctr = c.archWidth(c.ctr - k);
            again = (c.sf ? c.ctr : c.ctr & PpcCore.M32) != 0;
            i += k;
        }
        if (i > 0) {
            c.pc = again ? head : c.ia(head + 12);
        }
        return 3 * i;
    }

    /** Iterations from {@code address} stepping {@code si} bytes whose addresses stay in its page. */
    static long linesInPage(long address, long si) {
        int off = (int) address & 0xfff;
        if (si > 0) {
            return (GuestBus.PAGE_SIZE - off + si - 1) / si;
        }
        return si == 0 ? Long.MAX_VALUE : off / -si + 1;
    }

    /** The copy loop's bulk run, split out to keep each method short. */
    private static final class PpcCopy {
        static long copy(PpcCore c, long head, int len, int size, int t, int a, int b, int x, long maxIterations) {
            GuestBus bus = c.bus;
            long src = c.ea(c.gpr[a] + size);
            long dst = c.ea(c.gpr[b] + size);
            int so = (int) src & 0xfff;
            int dO = (int) dst & 0xfff;
            long max = Math.min(maxIterations, Math.min((GuestBus.PAGE_SIZE - so) / size, (GuestBus.PAGE_SIZE - dO) / size));
            byte[] from = bus.bulkPage(src, Perm.READ);
            byte[] to = bus.bulkPage(dst, Perm.WRITE);
            long code = c.ea(head);
            if (max <= 0 || from == null || to == null || PageBytes.overlaps(dst, size * max, code, len)) {
                return 0;
            }
            long c0 = c.sf ? c.ctr : c.ctr & PpcCore.M32;
            long i = c0 != 0 && Long.compareUnsigned(c0, max) <= 0 ? c0 : max;
            long acc = x < 0 ? 0 : c.gpr[x];
            if (x >= 0 && from == to && dO > so && dO < so + size * i) {
                acc = stepwise(c, t, from, so, dO, size, i, acc);
            } else {
                acc = x < 0 ? acc : xorAll(bus, from, so, size, i, acc);
                int last = so + size * (int) (i - 1);
                PageBytes.copy(from, so, to, dO, size, i - 1);
                c.gpr[t] = element(from, last, size, bus.isBigEndian());
                PageBytes.copy(from, last, to, dO + size * (int) (i - 1), size, 1);
            }
            c.ctr = c.archWidth(c.ctr - i);
            boolean again = (c.sf ? c.ctr : c.ctr & PpcCore.M32) != 0;
            c.gpr[a] += (long) size * i;
            c.gpr[b] += (long) size * i;
            if (x >= 0) {
                c.gpr[x] = acc;
            }
            c.pc = again ? head : c.ia(head + len);
            return i;
        }

        /** The element (zero-extended word or doubleword) at {@code offset}, as lwz / ld load it. */
        private static long element(byte[] page, int offset, int size, boolean big) {
            return size == 4 ? PageBytes.getInt(page, offset, big) & PpcCore.M32 : PageBytes.getLong(page, offset, big);
        }

        /**
         * XOR of the {@code i} elements at {@code so} as loaded (their values before any store).
         * Words are read in pairs as doublewords: whatever the byte order, the two halves of a
         * doubleword are the two words, so XOR-ing the halves at the end gives their XOR.
         */
        private static long xorAll(GuestBus bus, byte[] from, int so, int size, long i, long acc) {
            boolean big = bus.isBigEndian();
            long x = 0;
            int k = 0;
            if (size == 4) {
                for (; k + 1 < i; k += 2) {
                    x ^= PageBytes.getLong(from, so + 4 * k, big);
                }
                x = (x >>> 32 ^ x) & PpcCore.M32;
            }
            for (; k < i; k++) {
                x ^= element(from, so + size * k, size, big);
            }
            return acc ^ x;
        }

        /**
         * The copy, element by element, when the destination starts inside the source above it
         * (each load sees the stores before it): sets rT to the last element, returns the XOR.
         */
        private static long stepwise(PpcCore c, int t, byte[] page, int so, int dO, int size, long i, long acc) {
            boolean big = c.bus.isBigEndian();
            long x = acc;
            long v = 0;
            for (int k = 0; k < i; k++) {
                v = element(page, so + size * k, size, big);
                if (size == 4) {
                    PageBytes.putInt(page, dO + 4 * k, (int) v, big);
                } else {
                    PageBytes.putLong(page, dO + 8 * k, v, big);
                }
                x ^= v;
            }
            c.gpr[t] = v;
            return x;
        }
    }
}
