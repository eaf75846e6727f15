package org.kexeclab.ppc.interp;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.kexeclab.Arch;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.ppc.PpcRegister;
import org.kexeclab.testkit.IdiomDifferential;
import org.kexeclab.testkit.IdiomDifferential.Scenario;

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
            int len = xor ? 16 : 12;
            int[] code = xor
                    ? new int[] {33 << 26 | t << 21 | a << 16 | 4, 37 << 26 | t << 21 | b << 16 | 4,
                        31 << 26 | x << 21 | x << 16 | t << 11 | 316 << 1, 0x4200_0000 | (4 - len) & 0xfffc, 0x6000_0000}
                    : new int[] {33 << 26 | t << 21 | a << 16 | 4, 37 << 26 | t << 21 | b << 16 | 4,
                        0x4200_0000 | (4 - len) & 0xfffc, 0x6000_0000};
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
            int[] code = {58 << 26 | t << 21 | r[1] << 16 | 9, 62 << 26 | t << 21 | r[2] << 16 | 9, 0x4200_fff8, 0x6000_0000};
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
        int[] ops = {54, 982, 86};
        for (int i = 0; i < CASES; i++) {
            Arch arch = rnd.nextBoolean() ? PpcArches.PPC32 : PpcArches.PPC64;
            int p = 1 + rnd.nextInt(31);
            int si = rnd.nextInt(6) == 0 ? -16 : new int[] {16, 32, 128, 4}[rnd.nextInt(4)];
            int[] code = {31 << 26 | p << 11 | ops[rnd.nextInt(3)] << 1, 14 << 26 | p << 21 | p << 16 | si & 0xffff,
                0x4200_fff8, 0x6000_0000};
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
        int[] ops = {54, 982, 86};
        for (int i = 0; i < CASES; i++) {
            Arch arch = rnd.nextBoolean() ? PpcArches.PPC32 : PpcArches.PPC64;
            int[] r = IdiomDifferential.distinctRegs(rnd, 3, 31, 1);
            int p = r[0];
            int e = r[1];
            int s = rnd.nextInt(6) == 0 ? e : r[2];
            int l = PpcArches.PPC64.equals(arch) && rnd.nextBoolean() ? 1 << 21 : 0;
            int add = rnd.nextBoolean() ? p << 16 | s << 11 : s << 16 | p << 11;
            int[] code = {0x7c00_0040 | l | p << 16 | e << 11, 0x4080_0014, 31 << 26 | p << 11 | ops[rnd.nextInt(3)] << 1,
                0x7c00_0214 | p << 21 | add, 0x4bff_fff0, 0x6000_0000};
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
