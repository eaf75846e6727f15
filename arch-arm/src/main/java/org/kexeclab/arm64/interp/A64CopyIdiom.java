package org.kexeclab.arm64.interp;

import org.kexeclab.engine.Perm;
import org.kexeclab.engine.interp.GuestBus;
import org.kexeclab.engine.interp.PageBytes;

/**
 * The A64 block-copy loop of {@link A64LoopIdiom}: k {@code ldp} of X pairs post-incremented by
 * 16 from Xs, the same k pairs stored with {@code stp} post-incremented by 16 to Xd, then
 * {@code tst Xs|Xd, #mask} and {@code b.ne head}. Each iteration reads its 16k bytes before
 * writing them: {@link PageBytes#copy} with 16k-byte chunks.
 */
final class A64CopyIdiom {
    private A64CopyIdiom() {
    }

    static long run(A64Core c, long head, long maxInstructions, long until) {
        GuestBus bus = c.bus;
        int[] regs = c.idiomRegs;
        int k = 0;
        long w = bus.peek32(head, -1);
        while (k < 8 && (w & 0xffff_8000L) == 0xa8c1_0000L) {
            regs[2 * k] = (int) w & 31;
            regs[2 * k + 1] = (int) w >>> 10 & 31;
            k++;
            w = bus.peek32(head + 4 * k, -1);
        }
        int s = (int) bus.peek32(head, -1) >>> 5 & 31;
        int d = (int) w >>> 5 & 31;
        if (!sameBase(bus, head, k, s, 0xa8c1_0000L) || !storesPairs(bus, head + 4 * k, k, d, regs)
                || !distinct(regs, 2 * k, s, d)) {
            return 0;
        }
        int len = 4 * (2 * k + 2);
        long tst = bus.peek32(head + 8 * k, -1);
        int tn = (int) tst >>> 5 & 31;
        int nBit = (int) tst >>> 22 & 1;
        long mask = Bitmasks.wmask(nBit, (int) tst >>> 10 & 63, (int) tst >>> 16 & 63, true, 64);
        if ((tst & 0xff80_001fL) != 0xf200_001fL || tn != s && tn != d
                || mask == 0 && !Bitmasks.valid(nBit, (int) tst >>> 10 & 63, true, 64)
                || !A64LoopIdiom.branchHead(bus.peek32(head + len - 4, -1), 1, len)
                || A64LoopIdiom.inBody(until, head, len) || !bus.codeUnhooked(head, len)) {
            return 0;
        }
        return copy(c, head, len, k, s, d, tn, mask, maxInstructions / (len / 4)) * (len / 4);
    }

    /** True if the first {@code k} words at {@code at} are {@code pattern} instructions on base {@code n}. */
    private static boolean sameBase(GuestBus bus, long at, int k, int n, long pattern) {
        for (int j = 0; j < k; j++) {
            long w = bus.peek32(at + 4 * j, -1);
            if ((w & 0xffff_8000L) != pattern || ((int) w >>> 5 & 31) != n) {
                return false;
            }
        }
        return k > 0;
    }

    /** True if the k words at {@code at} are {@code stp} of the loaded pairs, in order, to base {@code d}. */
    private static boolean storesPairs(GuestBus bus, long at, int k, int d, int[] regs) {
        if (!sameBase(bus, at, k, d, 0xa881_0000L)) {
            return false;
        }
        for (int j = 0; j < k; j++) {
            long w = bus.peek32(at + 4 * j, -1);
            if (((int) w & 31) != regs[2 * j] || ((int) w >>> 10 & 31) != regs[2 * j + 1]) {
                return false;
            }
        }
        return true;
    }

    private static boolean distinct(int[] regs, int count, int s, int d) {
        long seen = 1L << 31 | 1L << s;
        if ((seen & 1L << d) != 0) {
            return false;
        }
        seen |= 1L << d;
        for (int j = 0; j < count; j++) {
            if ((seen & 1L << regs[j]) != 0) {
                return false;
            }
            seen |= 1L << regs[j];
        }
        return true;
    }

    private static long copy(A64Core c, long head, int len, int k, int s, int d, int tn, long mask, long maxIterations) {
        GuestBus bus = c.bus;
        long src = c.x[s];
        long dst = c.x[d];
        int bytes = 16 * k;
        int so = (int) src & 0xfff;
        int dO = (int) dst & 0xfff;
        long max = Math.min(maxIterations, Math.min((GuestBus.PAGE_SIZE - so) / bytes, (GuestBus.PAGE_SIZE - dO) / bytes));
        byte[] from = bus.bulkPage(src, Perm.READ);
        byte[] to = bus.bulkPage(dst, Perm.WRITE);
        if (max <= 0 || from == null || to == null || ((src | dst) & 7) != 0
                || PageBytes.overlaps(dst, bytes * max, head, len)) {
            return 0;
        }
        long[] v = c.idiomValues;
        long tested = tn == s ? src : dst;
        long i = 0;
        boolean again = true;
        while (again && i < max) {
            i++;
            again = (tested + bytes * i & mask) != 0;
        }
        int last = bytes * (int) (i - 1);
        PageBytes.copy(from, so, to, dO, bytes, i - 1);
        for (int j = 0; j < 2 * k; j++) {
            v[j] = PageBytes.getLong(from, so + last + 8 * j, bus.isBigEndian());
        }
        PageBytes.copy(from, so + last, to, dO + last, bytes, 1);
        c.nzcv = Cond.nz(tested + bytes * i & mask);
        for (int j = 0; j < 2 * k; j++) {
            c.x[c.idiomRegs[j]] = v[j];
        }
        c.x[s] = src + (long) bytes * i;
        c.x[d] = dst + (long) bytes * i;
        c.pc = again ? head : head + len;
        return i;
    }
}
