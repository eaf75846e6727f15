package org.kexeclab.ppc.interp;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.kexeclab.Arch;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.ppc.PpcRegister;
import org.kexeclab.testkit.IdiomDifferential;
import org.kexeclab.testkit.IdiomDifferential.Scenario;
import org.kexeclab.testkit.Programs;

/**
 * The loop idioms ({@code IsaCore.runIdiom}) change nothing but speed: random PowerPC copy, cache and
 * flush loops (random registers, counts, overlapping and page-crossing ranges,
 * unmapped, read-only and write-only pages, stores into the loop's own code, budgets and
 * {@code until} inside the loop, hooks) end identically with idioms on and off. Each test also
 * proves the fast path really ran for most of the instructions.
 */
class PpcLoopIdiomDifferentialTest {
    private static final int CASES = 250;

    @Test
    void ppc32CopyLoop_randomCases_sameAsStepping() {
        IdiomDifferential d = new IdiomDifferential();
        Random rnd = new Random(12);
        for (int i = 0; i < CASES; i++) {
            boolean xor = rnd.nextBoolean();
            int[] r = IdiomDifferential.distinctRegs(rnd, 4, 31, 1);
            int t = rnd.nextInt(8) == 0 ? 0 : r[0];
            int a = r[1];
            int b = r[2];
            int x = r[3];
            String src = String.format("loop:%nlwzu r%d, 4(r%d)%nstwu r%d, 4(r%d)%n", t, a, t, b)
                    + (xor ? String.format("xor r%d, r%d, r%d%n", x, x, t) : "") + String.format("bdnz loop%nnop%n");
            int[] code = Programs.words(PpcArches.PPC32, IdiomDifferential.HEAD, src);
            Scenario sc = IdiomDifferential.scenario(PpcArches.PPC32, code, rnd);
            sc.set(PpcRegister.values()[a], IdiomDifferential.dataAddress(rnd, 4) - 4)
                    .set(PpcRegister.values()[b], IdiomDifferential.destination(rnd, 4) - 4)
                    .set(PpcRegister.values()[x], rnd.nextInt())
                    .set(PpcRegister.CTR, IdiomDifferential.count(rnd, 2048));
            d.check(sc);
        }
        d.assertMostlyFast();
    }

    @Test
    void ppc64CopyLoop_randomCases_sameAsStepping() {
        IdiomDifferential d = new IdiomDifferential();
        Random rnd = new Random(13);
        for (int i = 0; i < CASES; i++) {
            int[] r = IdiomDifferential.distinctRegs(rnd, 3, 31, 1);
            int t = rnd.nextInt(4) == 0 ? 0 : r[0];
            String src = String.format("loop:%nldu r%d, 8(r%d)%nstdu r%d, 8(r%d)%nbdnz loop%nnop%n", t, r[1], t, r[2]);
            int[] code = Programs.words(PpcArches.PPC64, IdiomDifferential.HEAD, src);
            Scenario sc = IdiomDifferential.scenario(PpcArches.PPC64, code, rnd);
            sc.set(PpcRegister.values()[r[1]], IdiomDifferential.dataAddress(rnd, 8) - 8)
                    .set(PpcRegister.values()[r[2]], IdiomDifferential.destination(rnd, 8) - 8)
                    .set(PpcRegister.CTR, rnd.nextInt(20) == 0 ? 1L << 32 | 3 : IdiomDifferential.count(rnd, 1024));
            d.check(sc);
        }
        d.assertMostlyFast();
    }

    @Test
    void ppcCacheLoop_randomCases_sameAsStepping() {
        IdiomDifferential d = new IdiomDifferential();
        Random rnd = new Random(14);
        String[] cacheOps = {"dcbst", "icbi", "dcbf"};
        for (int i = 0; i < CASES; i++) {
            Arch arch = rnd.nextBoolean() ? PpcArches.PPC32 : PpcArches.PPC64;
            int p = 1 + rnd.nextInt(31);
            int si = rnd.nextInt(6) == 0 ? -16 : new int[] {16, 32, 128, 4}[rnd.nextInt(4)];
            int op = rnd.nextInt(3);
            String src = String.format("loop:%n%s 0, r%d%naddi r%d, r%d, %d%nbdnz loop%nnop%n", cacheOps[op], p, p, p, si);
            int[] code = Programs.words(arch, IdiomDifferential.HEAD, src);
            Scenario sc = IdiomDifferential.scenario(arch, code, rnd);
            sc.set(PpcRegister.values()[p], IdiomDifferential.dataAddress(rnd, 16))
                    .set(PpcRegister.CTR, IdiomDifferential.count(rnd, 1024));
            d.check(sc);
        }
        d.assertMostlyFast();
    }

    @Test
    void ppcFlushLoop_randomCases_sameAsStepping() {
        IdiomDifferential d = new IdiomDifferential();
        Random rnd = new Random(17);
        String[] cacheOps = {"dcbst", "icbi", "dcbf"};
        for (int i = 0; i < CASES; i++) {
            Arch arch = rnd.nextBoolean() ? PpcArches.PPC32 : PpcArches.PPC64;
            int[] r = IdiomDifferential.distinctRegs(rnd, 3, 31, 1);
            int p = r[0];
            int e = r[1];
            int s = rnd.nextInt(6) == 0 ? e : r[2];
            int l = PpcArches.PPC64.equals(arch) && rnd.nextBoolean() ? 1 << 21 : 0;
            boolean pFirst = rnd.nextBoolean();
            int op = rnd.nextInt(3);
            String src = String.format("loop:%n%s r%d, r%d%nbge done%n%s 0, r%d%nadd r%d, r%d, r%d%nb loop%nnop%ndone:%n",
                    l != 0 ? "cmpld" : "cmplw", p, e, cacheOps[op], p, p, pFirst ? p : s, pFirst ? s : p);
            int[] code = Programs.words(arch, IdiomDifferential.HEAD, src);
            Scenario sc = IdiomDifferential.scenario(arch, code, rnd);
            long start = IdiomDifferential.dataAddress(rnd, 32);
            sc.set(PpcRegister.values()[p], start)
                    .set(PpcRegister.values()[e], start + rnd.nextInt(20000) - 100)
                    .set(PpcRegister.values()[s], rnd.nextInt(8) == 0 ? 0 : new int[] {32, 128, 7, -16}[rnd.nextInt(4)]);
            if (rnd.nextInt(4) == 0) {
                sc.set(PpcRegister.values()[e], 0xffff_ffffL + rnd.nextInt(3) * (1L << 32));
            }
            d.check(sc);
        }
        d.assertMostlyFast();
    }
}
