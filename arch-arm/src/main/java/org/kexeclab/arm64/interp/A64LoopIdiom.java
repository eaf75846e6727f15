package org.kexeclab.arm64.interp;

import org.kexeclab.engine.interp.GuestBus;

/**
 * A64 loops run in bulk ({@link org.kexeclab.engine.interp.IsaCore#runIdiom}):
 * <pre>
 * copy:  ldp Xa0,Xb0,[Xs],#16 ... ldp Xak,Xbk,[Xs],#16     clean: dc civac,Xp (or another no-op
 *        stp Xa0,Xb0,[Xd],#16 ... stp Xak,Xbk,[Xd],#16            cache maintenance by address)
 *        tst Xs|Xd, #mask                                        add Xq, Xq, Xm
 *        b.ne head                                               cmp Xq, Xe
 *                                                                b.lo head
 * </pre>
 * (1 to 8 pairs stored in the order loaded; all named registers distinct, none 31). A copy
 * iteration reads its 16k bytes before writing them, as the ldp/stp sequence does; the bulk run
 * stays inside one source and one destination page that allow the access, needs 8-byte aligned
 * cursors (so no alignment fault can differ) and never stores into its body.
 */
final class A64LoopIdiom {
    private static final long LDP_X_POST16 = 0xa8c1_0000L;
    private static final int MAX_PAIRS = 8;

    private A64LoopIdiom() {
    }

    /** Runs iterations at {@code c}'s pc; returns instructions executed (0 if no idiom). */
    static long run(A64Core c, long maxInstructions, long until) {
        long head = c.pc;
        long w0 = c.bus.peek32(head, -1);
        if (w0 < 0 || ((int) head & 0xfff) > GuestBus.PAGE_SIZE - 4 * (2 * MAX_PAIRS + 2)) {
            return 0;
        }
        if ((w0 & 0xffff_8000L) == LDP_X_POST16) {
            return A64CopyIdiom.run(c, head, maxInstructions, until);
        }
        if ((w0 & 0xffff_ffe0L) == 0xd50b_7e20L || (w0 & 0xffff_ffe0L) == 0xd50b_7a20L
                || (w0 & 0xffff_ffe0L) == 0xd50b_7b20L || (w0 & 0xffff_ffe0L) == 0xd508_7620L
                || (w0 & 0xffff_ffe0L) == 0xd50b_7520L) {
            return clean(c, head, maxInstructions, until);
        }
        return 0;
    }

    /** True if {@code w} is {@code b.<cond> head} at {@code head + len - 4}. */
    static boolean branchHead(long w, int cond, int len) {
        return w == (0x5400_0000L | (long) ((4 - len) / 4 & 0x7ffff) << 5 | cond);
    }

    static boolean inBody(long until, long head, int len) {
        return until - head >= 0 && until - head < len;
    }

    /** {@code dc <op>, Xp; add Xq, Xq, Xm; cmp Xq, Xe; b.lo head}: the maintenance does nothing here. */
    private static long clean(A64Core c, long head, long maxInstructions, long until) {
        long add = c.bus.peek32(head + 4, -1);
        long cmp = c.bus.peek32(head + 8, -1);
        int q = (int) add & 31;
        int m = (int) add >>> 16 & 31;
        int e = (int) cmp >>> 16 & 31;
        if ((add & 0xffe0_fc00L) != 0x8b00_0000L || ((int) add >>> 5 & 31) != q
                || (cmp & 0xffe0_ffffL) != (0xeb00_001fL | q << 5) || !branchHead(c.bus.peek32(head + 12, -1), 3, 16)
                || inBody(until, head, 16) || !c.bus.codeUnhooked(head, 16)
                || q == 31 || m == 31 || e == 31 || m == q || e == q) {
            return 0;
        }
        long max = maxInstructions / 4;
        long i = max <= 0 ? 0 : iterations(c.x[q], c.x[m], c.x[e], max);
        if (i > 0) {
            c.x[q] += c.x[m] * i;
            A64Immediate.addWithCarry(c, c.x[q], ~c.x[e], 1, true, true);
            c.pc = Cond.holds(c.nzcv, 3) ? head : head + 16;
        } else if (max > 0) {
            i = stepwise(c, q, m, e, max);
            c.pc = Cond.holds(c.nzcv, 3) ? head : head + 16;
        }
        return 4 * i;
    }

    /**
     * Iterations of {@code q += m; cmp q, e; b.lo} from {@code q} (at most {@code max}) in closed
     * form, or 0 if that needs care (q not below e, m zero or large, or q would wrap past 2^64):
     * then {@link #stepwise} runs them one by one.
     */
    private static long iterations(long q, long m, long e, long max) {
        if (Long.compareUnsigned(q, e) >= 0 || m == 0 || m >>> 32 != 0) {
            return 0;
        }
        long needed = Long.divideUnsigned(e - q - 1, m) + 1;
        if (needed >>> 32 != 0 || Long.compareUnsigned(q + m * needed, q) < 0) {
            return 0;
        }
        return Math.min(needed, max);
    }

    /** The iterations one by one (as the instructions do them); leaves the flags of the last cmp. */
    private static long stepwise(A64Core c, int q, int m, int e, long max) {
        long i = 0;
        boolean again = true;
        while (again && i < max) {
            c.x[q] += c.x[m];
            A64Immediate.addWithCarry(c, c.x[q], ~c.x[e], 1, true, true);
            again = Cond.holds(c.nzcv, 3);
            i++;
        }
        return i;
    }
}
