package org.kexeclab.arm.interp;

import org.kexeclab.engine.Perm;
import org.kexeclab.engine.interp.GuestBus;
import org.kexeclab.engine.interp.PageBytes;

/**
 * The A32 word-copy loop run in bulk ({@link org.kexeclab.engine.interp.IsaCore#runIdiom}):
 * <pre>
 * head: ldr  Rt, [Rs], #4
 *       str  Rt, [Rd], #4
 *       subs Rc, Rc, #1
 *       bne  head
 * </pre>
 * with Rt, Rs, Rd, Rc four different registers below r15, all unconditional except the
 * {@code bne}. An iteration loads a word, stores it, decrements the counter and sets NZCV as
 * {@code subs} does; the bulk run moves the words as that loop would ({@link PageBytes#copy}, so
 * overlapping ranges behave the same), stays inside one source and one destination page that allow the access
 * (else it stops early and the normal path reports the fault), and never stores into its body.
 */
final class A32LoopIdiom {
    private static final int BODY = 16;
    private static final int BNE_HEAD = 0x1aff_fffb;

    private A32LoopIdiom() {
    }

    /** Runs iterations at {@code c}'s pc; returns instructions executed (0 if not this idiom). */
    static long run(A32Core c, long maxInstructions, long until) {
        long head = c.pc();
        GuestBus bus = c.bus;
        if (c.thumb() || ((int) head & 0xfff) > GuestBus.PAGE_SIZE - BODY || until - head >= 0 && until - head < BODY
                || !bus.codeUnhooked(head, BODY)) {
            return 0;
        }
        long ldr = bus.peek32(head, -1);
        if ((ldr & 0xfff0_0fffL) != 0xe490_0004L) {
            return 0;
        }
        long str = bus.peek32(head + 4, -1);
        long subs = bus.peek32(head + 8, -1);
        int t = (int) ldr >>> 12 & 15;
        int s = (int) ldr >>> 16 & 15;
        int d = (int) str >>> 16 & 15;
        int n = (int) subs >>> 16 & 15;
        if ((str & 0xfff0_0fffL) != 0xe480_0004L || ((int) str >>> 12 & 15) != t
                || (subs & 0xfff0_0fffL) != 0xe250_0001L || ((int) subs >>> 12 & 15) != n
                || bus.peek32(head + 12, -1) != BNE_HEAD || !distinct(t, s, d, n)) {
            return 0;
        }
        return copy(c, head, t, s, d, n, maxInstructions / 4);
    }

    private static boolean distinct(int t, int s, int d, int n) {
        return t != s && t != d && t != n && s != d && s != n && d != n && t < 15
                && s < 15 && d < 15 && n < 15;
    }

    private static long copy(A32Core c, long head, int t, int s, int d, int n, long maxIterations) {
        int[] r = c.r;
        long src = r[s] & A32Core.M32;
        long dst = r[d] & A32Core.M32;
        int so = (int) src & 0xfff;
        int dO = (int) dst & 0xfff;
        long max = Math.min(maxIterations, Math.min((GuestBus.PAGE_SIZE - so) / 4, (GuestBus.PAGE_SIZE - dO) / 4));
        GuestBus bus = c.bus;
        byte[] from = bus.bulkPage(src, Perm.READ);
        byte[] to = bus.bulkPage(dst, Perm.WRITE);
        if (max <= 0 || from == null || to == null || writesCode(head, dst, max)) {
            return 0;
        }
        int count = r[n];
        long i = count != 0 && (count & A32Core.M32) <= max ? count & A32Core.M32 : max;
        PageBytes.copy(from, so, to, dO, 4, i - 1);
        int v = PageBytes.getInt(from, so + 4 * (int) (i - 1), bus.isBigEndian());
        PageBytes.copy(from, so + 4 * (int) (i - 1), to, dO + 4 * (int) (i - 1), 4, 1);
        count -= (int) i;
        r[t] = v;
        r[s] += 4 * (int) i;
        r[d] += 4 * (int) i;
        r[n] = count;
        c.addWithCarry(count + 1, ~1, 1, true);
        r[15] = (int) head + (count == 0 ? BODY : 0);
        return 4L * i;
    }

    /** True if storing {@code 4 * max} bytes at {@code dst} could touch the loop's own code. */
    private static boolean writesCode(long head, long dst, long max) {
        return PageBytes.overlaps(dst, 4 * max, head, BODY);
    }
}
