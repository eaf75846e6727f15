package org.kexeclab.ppc.interp;

import org.kexeclab.engine.Perm;
import org.kexeclab.engine.interp.GuestBus;

/**
 * The PowerPC range-flush loop of {@link PpcLoopIdiom} (two blocks per iteration):
 * <pre>
 * head: cmpld rP, rE        (cmplw on ppc32; CR0)
 *       bge   out           (BO 4..7, BI 0: leave when rP &gt;= rE)
 *       dcbst 0, rP         (or dcbf / icbi)
 *       add   rP, rP, rS
 *       b     head
 * </pre>
 * Runs the iterations that stay in the loop (rP below rE, its line readable as the interpreter's
 * {@code dcbst} checks it) and leaves the leaving iteration to the normal path.
 */
final class PpcFlushIdiom {
    private static final int LEN = 20;

    private PpcFlushIdiom() {
    }

    static long run(PpcCore c, long head, int cmp, long maxInstructions, long until) {
        GuestBus bus = c.bus;
        int p = cmp >>> 16 & 31;
        int e = cmp >>> 11 & 31;
        boolean l = (cmp >>> 21 & 1) != 0;
        long bge = bus.peek32(c.ea(head + 4), -1);
        long cache = bus.peek32(c.ea(head + 8), -1);
        long add = bus.peek32(c.ea(head + 12), -1);
        int ra = (int) add >>> 16 & 31;
        int rb = (int) add >>> 11 & 31;
        int s = ra == p ? rb : rb == p ? ra : p;
        if ((cmp & 0xffc0_07ff) != 0x7c00_0040 || l && !c.is64 || p == e || (c.ea(head) & 0xfff) > GuestBus.PAGE_SIZE - LEN
                || (bge & 0xfc1f_0003L) != 0x4000_0000L || ((int) bge >>> 21 & 0x1c) != 4
                || !cacheOp(cache, p) || !addTo(add, p) || s == p
                || bus.peek32(c.ea(head + 16), -1) != 0x4bff_fff0L || until - head >= 0 && until - head < LEN
                || !bus.codeUnhooked(head, LEN)) {
            return 0;
        }
        long max = maxInstructions / 5;
        long checkedPage = -1;
        long i = 0;
        while (i < max && below(c.gpr[p], c.gpr[e], l)) {
            long address = c.ea(c.gpr[p]);
            if (address >>> 12 != checkedPage) {
                if (bus.bulkPage(address, Perm.READ) == null) {
                    break;
                }
                checkedPage = address >>> 12;
            }
            long step = c.gpr[s];
            long k = 1;
            if (step > 0 && step < GuestBus.PAGE_SIZE) { // the lines left in this page below rE, at once
                k = Math.min(max - i, Math.min(PpcLoopIdiom.linesInPage(address, step), belowCount(c.gpr[p], c.gpr[e], step, l)));
            }
            c.gpr[p] += step * k;
            i += k;
        }
        if (i > 0) {
            c.setCrField(0, 8 | c.so());
        }
        return 5 * i;
    }

    /** How many of rP, rP + step, rP + 2 step ... compare below rE (rP below rE, 0 &lt; step &lt; 4096). */
    private static long belowCount(long p, long e, long step, boolean doublewords) {
        long pl = doublewords ? p : p & PpcCore.M32;
        long el = doublewords ? e : e & PpcCore.M32;
        return Long.divideUnsigned(el - pl - 1, step) + 1;
    }

    /** {@code cmpld}/{@code cmplw} says "less than": unsigned, doublewords or low words. */
    private static boolean below(long a, long b, boolean doublewords) {
        return doublewords ? Long.compareUnsigned(a, b) < 0 : (a & PpcCore.M32) < (b & PpcCore.M32);
    }

    /** {@code dcbst 0,rP}, {@code dcbf 0,rP} or {@code icbi 0,rP}. */
    private static boolean cacheOp(long w, int p) {
        int xo = (int) w >>> 1 & 0x3ff;
        return (w & 0xfc1f_f801L) == (31L << 26 | p << 11)
                && (xo == 86 || (xo == 54 || xo == 982) && (w & 0x03e0_0000L) == 0);
    }

    /** {@code add rP,...} without OE or Rc (the caller checks the operands). */
    private static boolean addTo(long w, int p) {
        return (w & 0xfc00_07ffL) == 0x7c00_0214L && ((int) w >>> 21 & 31) == p;
    }
}
