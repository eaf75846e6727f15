package org.kexeclab.riscv.interp;

import org.kexeclab.engine.Perm;
import org.kexeclab.engine.interp.GuestBus;
import org.kexeclab.engine.interp.PageBytes;
import org.kexeclab.riscv.RvFormat;

/**
 * The RV64 doubleword-copy loop run in bulk ({@link org.kexeclab.engine.interp.IsaCore#runIdiom}):
 * <pre>
 * head: ld   Rt, 0(Rs)
 *       sd   Rt, 0(Rd)
 *       addi Rs, Rs, 8
 *       addi Rd, Rd, 8
 *       bne  Rs, Re, head      (or bne Re, Rs)
 * </pre>
 * with Rt, Rs, Rd, Re four different registers, none x0 (the relocation stub's page copy). An
 * iteration loads a doubleword, stores it and advances both cursors; the loop ends when Rs
 * equals Re. The bulk run moves the doublewords as that loop would ({@link PageBytes#copy}, so
 * overlapping ranges behave the same), stays inside one source and one destination page that
 * allow the access (else it stops early and the normal path reports the fault), and never stores
 * into its body.
 */
final class RvCopyIdiom {
    private static final int BODY = 20;
    private static final int LD = 3 << 12 | RvFormat.LOAD;
    private static final int SD = 3 << 12 | RvFormat.STORE;
    private static final int BNE = 1;

    private RvCopyIdiom() {
    }

    /** Runs iterations at {@code c}'s pc; returns instructions executed (0 if not this idiom). */
    static long run(RvCore c, long maxInstructions, long until) {
        long head = c.pc;
        GuestBus bus = c.bus;
        if (((int) head & 0xfff) > GuestBus.PAGE_SIZE - BODY || until - head >= 0 && until - head < BODY) {
            return 0;
        }
        long ld = bus.peek32(head, -1);
        if (ld < 0 || (ld & 0xfff0_707fL) != LD) {
            return 0;
        }
        int t = (int) ld >>> 7 & 31;
        int s = (int) ld >>> 15 & 31;
        long sd = bus.peek32(head + 4, -1);
        int d = (int) sd >>> 15 & 31;
        long bne = bus.peek32(head + 16, -1);
        int b1 = (int) bne >>> 15 & 31;
        int b2 = (int) bne >>> 20 & 31;
        int e = b1 == s ? b2 : b1;
        if (sd != (SD | t << 20 | d << 15) || bus.peek32(head + 8, -1) != addi8(s)
                || bus.peek32(head + 12, -1) != addi8(d) || !branchesBack(bne, s, e)
                || !distinct(t, s, d, e) || !bus.codeUnhooked(head, BODY)) {
            return 0;
        }
        return copy(c, head, t, s, d, e, maxInstructions / 5);
    }

    private static long addi8(int r) {
        return RvFormat.i(8, r, 0, r, RvFormat.OP_IMM) & 0xffff_ffffL;
    }

    /** True if {@code w} is {@code bne s, e, head} or {@code bne e, s, head} at head + 16. */
    private static boolean branchesBack(long w, int s, int e) {
        return w == (RvFormat.b(-16, e, s, BNE, RvFormat.BRANCH) & 0xffff_ffffL)
                || w == (RvFormat.b(-16, s, e, BNE, RvFormat.BRANCH) & 0xffff_ffffL);
    }

    private static boolean distinct(int t, int s, int d, int e) {
        return t != 0 && s != 0 && d != 0 && e != 0 && t != s && t != d && t != e && s != d && s != e && d != e;
    }

    private static long copy(RvCore c, long head, int t, int s, int d, int e, long maxIterations) {
        long[] x = c.x;
        long src = x[s];
        long dst = x[d];
        int so = (int) src & 0xfff;
        int dO = (int) dst & 0xfff;
        long max = Math.min(maxIterations, Math.min((GuestBus.PAGE_SIZE - so) / 8, (GuestBus.PAGE_SIZE - dO) / 8));
        GuestBus bus = c.bus;
        if (max <= 0 || PageBytes.overlaps(dst, 8 * max, head, BODY)) {
            return 0;
        }
        byte[] from = bus.bulkPage(src, Perm.READ);
        byte[] to = bus.bulkPage(dst, Perm.WRITE);
        if (from == null || to == null) {
            return 0;
        }
        long left = x[e] - src;
        long needed = (left & 7) == 0 && left != 0 ? left >>> 3 : Long.MAX_VALUE;
        long i = Math.min(needed, max);
        int last = 8 * (int) (i - 1);
        PageBytes.copy(from, so, to, dO, 8, i - 1);
        long v = PageBytes.getLong(from, so + last, false);
        PageBytes.copy(from, so + last, to, dO + last, 8, 1);
        x[t] = v;
        x[s] = src + 8 * i;
        x[d] = dst + 8 * i;
        c.pc = x[s] == x[e] ? head + BODY : head;
        return 5 * i;
    }
}
