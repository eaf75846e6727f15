package org.kexeclab.engine.interp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.kexeclab.Arch;
import org.kexeclab.engine.Arm64Register;
import org.kexeclab.engine.ArmRegister;
import org.kexeclab.engine.PpcRegister;
import org.kexeclab.engine.interp.IdiomDifferential.Scenario;

/**
 * The loop idioms ({@link IsaCore#runIdiom}) change nothing but speed: random copy and
 * cache-maintenance loops (random registers, counts, overlapping and page-crossing ranges,
 * unmapped, read-only and write-only pages, stores into the loop's own code, budgets and
 * {@code until} inside the loop, hooks) end identically with idioms on and off. Each test also
 * proves the fast path really ran for most of the instructions.
 */
class LoopIdiomDifferentialTest {
    private static final int CASES = 250;

    @Test
    void a32CopyLoop_randomCases_sameAsStepping() {
        IdiomDifferential d = new IdiomDifferential();
        Random rnd = new Random(11);
        for (int i = 0; i < CASES; i++) {
            int[] r = distinctRegs(rnd, 4, 13, 0);
            int t = r[0];
            int s = r[1];
            int dst = r[2];
            int c = r[3];
            int[] code = {0xe490_0004 | s << 16 | t << 12, 0xe480_0004 | dst << 16 | t << 12,
                0xe250_0001 | c << 16 | c << 12, 0x1aff_fffb, 0xe1a0_0000};
            Scenario sc = scenario(Arch.ARM, code, rnd);
            sc.set(ArmRegister.values()[s], IdiomDifferential.dataAddress(rnd, 4))
                    .set(ArmRegister.values()[dst], destination(rnd, 4))
                    .set(ArmRegister.values()[c], count(rnd, 2048))
                    .set(ArmRegister.CPSR, rnd.nextBoolean() ? 0x4000_01d3L : 0x6000_01d3L);
            d.check(sc);
        }
        assertMostlyFast(d);
    }

    @Test
    void ppc32CopyLoop_randomCases_sameAsStepping() {
        IdiomDifferential d = new IdiomDifferential();
        Random rnd = new Random(12);
        for (int i = 0; i < CASES; i++) {
            boolean xor = rnd.nextBoolean();
            int[] r = distinctRegs(rnd, 4, 31, 1);
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
            Scenario sc = scenario(Arch.PPC32, code, rnd);
            sc.set(PpcRegister.values()[a], IdiomDifferential.dataAddress(rnd, 4) - 4)
                    .set(PpcRegister.values()[b], destination(rnd, 4) - 4)
                    .set(PpcRegister.values()[x], rnd.nextInt())
                    .set(PpcRegister.CTR, count(rnd, 2048));
            d.check(sc);
        }
        assertMostlyFast(d);
    }

    @Test
    void ppc64CopyLoop_randomCases_sameAsStepping() {
        IdiomDifferential d = new IdiomDifferential();
        Random rnd = new Random(13);
        for (int i = 0; i < CASES; i++) {
            int[] r = distinctRegs(rnd, 3, 31, 1);
            int t = rnd.nextInt(4) == 0 ? 0 : r[0];
            int[] code = {58 << 26 | t << 21 | r[1] << 16 | 9, 62 << 26 | t << 21 | r[2] << 16 | 9, 0x4200_fff8, 0x6000_0000};
            Scenario sc = scenario(Arch.PPC64, code, rnd);
            sc.set(PpcRegister.values()[r[1]], IdiomDifferential.dataAddress(rnd, 8) - 8)
                    .set(PpcRegister.values()[r[2]], destination(rnd, 8) - 8)
                    .set(PpcRegister.CTR, rnd.nextInt(20) == 0 ? 1L << 32 | 3 : count(rnd, 1024));
            d.check(sc);
        }
        assertMostlyFast(d);
    }

    @Test
    void ppcCacheLoop_randomCases_sameAsStepping() {
        IdiomDifferential d = new IdiomDifferential();
        Random rnd = new Random(14);
        int[] ops = {54, 982, 86};
        for (int i = 0; i < CASES; i++) {
            Arch arch = rnd.nextBoolean() ? Arch.PPC32 : Arch.PPC64;
            int p = 1 + rnd.nextInt(31);
            int si = rnd.nextInt(6) == 0 ? -16 : new int[] {16, 32, 128, 4}[rnd.nextInt(4)];
            int[] code = {31 << 26 | p << 11 | ops[rnd.nextInt(3)] << 1, 14 << 26 | p << 21 | p << 16 | si & 0xffff,
                0x4200_fff8, 0x6000_0000};
            Scenario sc = scenario(arch, code, rnd);
            sc.set(PpcRegister.values()[p], IdiomDifferential.dataAddress(rnd, 16))
                    .set(PpcRegister.CTR, count(rnd, 1024));
            d.check(sc);
        }
        assertMostlyFast(d);
    }

    @Test
    void ppcFlushLoop_randomCases_sameAsStepping() {
        IdiomDifferential d = new IdiomDifferential();
        Random rnd = new Random(17);
        int[] ops = {54, 982, 86};
        for (int i = 0; i < CASES; i++) {
            Arch arch = rnd.nextBoolean() ? Arch.PPC32 : Arch.PPC64;
            int[] r = distinctRegs(rnd, 3, 31, 1);
            int p = r[0];
            int e = r[1];
            int s = rnd.nextInt(6) == 0 ? e : r[2];
            int l = arch == Arch.PPC64 && rnd.nextBoolean() ? 1 << 21 : 0;
            int add = rnd.nextBoolean() ? p << 16 | s << 11 : s << 16 | p << 11;
            int[] code = {0x7c00_0040 | l | p << 16 | e << 11, 0x4080_0014, 31 << 26 | p << 11 | ops[rnd.nextInt(3)] << 1,
                0x7c00_0214 | p << 21 | add, 0x4bff_fff0, 0x6000_0000};
            Scenario sc = scenario(arch, code, rnd);
            long start = IdiomDifferential.dataAddress(rnd, 32);
            sc.set(PpcRegister.values()[p], start)
                    .set(PpcRegister.values()[e], start + rnd.nextInt(20000) - 100)
                    .set(PpcRegister.values()[s], rnd.nextInt(8) == 0 ? 0 : new int[] {32, 128, 7, -16}[rnd.nextInt(4)]);
            if (rnd.nextInt(4) == 0) {
                sc.set(PpcRegister.values()[e], 0xffff_ffffL + rnd.nextInt(3) * (1L << 32));
            }
            d.check(sc);
        }
        assertMostlyFast(d);
    }

    @Test
    void a64CopyLoop_randomCases_sameAsStepping() {
        IdiomDifferential d = new IdiomDifferential();
        Random rnd = new Random(15);
        for (int i = 0; i < CASES; i++) {
            int k = 1 + rnd.nextInt(4);
            int[] r = distinctRegs(rnd, 2 * k + 2, 30, 0);
            int s = r[2 * k];
            int dst = r[2 * k + 1];
            int len = 4 * (2 * k + 2);
            int[] code = new int[2 * k + 3];
            for (int j = 0; j < k; j++) {
                code[j] = 0xa8c1_0000 | r[2 * j + 1] << 10 | s << 5 | r[2 * j];
                code[k + j] = 0xa881_0000 | r[2 * j + 1] << 10 | dst << 5 | r[2 * j];
            }
            int imms = rnd.nextBoolean() ? 11 : 5 + rnd.nextInt(6);
            code[2 * k] = 0xf240_001f | imms << 10 | (rnd.nextInt(4) == 0 ? dst : s) << 5;
            code[2 * k + 1] = 0x5400_0001 | ((4 - len) / 4 & 0x7ffff) << 5;
            code[2 * k + 2] = 0xd503_201f;
            Scenario sc = scenario(Arch.ARM64, code, rnd);
            sc.set(Arm64Register.values()[s], IdiomDifferential.dataAddress(rnd, 16 * k))
                    .set(Arm64Register.values()[dst], destination(rnd, 16));
            d.check(sc);
        }
        assertMostlyFast(d);
    }

    @Test
    void a64CleanLoop_randomCases_sameAsStepping() {
        IdiomDifferential d = new IdiomDifferential();
        Random rnd = new Random(16);
        for (int i = 0; i < CASES; i++) {
            int[] r = distinctRegs(rnd, 3, 30, 0);
            int q = r[0];
            int p = rnd.nextBoolean() ? q : r[1];
            int[] code = {0xd50b_7e20 | p, 0x8b00_0000 | r[1] << 16 | q << 5 | q, 0xeb00_001f | r[2] << 16 | q << 5,
                0x5400_0003 | (-3 & 0x7ffff) << 5, 0xd503_201f};
            Scenario sc = scenario(Arch.ARM64, code, rnd);
            long start = IdiomDifferential.dataAddress(rnd, 64);
            long step = rnd.nextInt(8) == 0 ? 0 : rnd.nextInt(8) == 0 ? 1L << 33 : 64;
            long end = start + rnd.nextInt(16384) - 100;
            if (rnd.nextInt(5) == 0) { // near the top of the address space: q + m may wrap past 2^64
                start = -1 - rnd.nextInt(4000);
                end = rnd.nextBoolean() ? -1 - rnd.nextInt(100) : rnd.nextInt(100);
            }
            sc.set(Arm64Register.values()[q], start).set(Arm64Register.values()[r[1]], step)
                    .set(Arm64Register.values()[r[2]], end);
            d.check(sc);
        }
        assertMostlyFast(d);
    }

    /** A scenario with random pages, hooks, {@code until} and budget. */
    private static Scenario scenario(Arch arch, int[] code, Random rnd) {
        Scenario sc = new Scenario(arch, code);
        sc.seed = rnd.nextLong();
        IdiomDifferential.randomPages(sc, rnd);
        int k = rnd.nextInt(10);
        sc.budget = k < 3 ? 1 + rnd.nextInt(5000) : 20_000;
        if (k == 3) {
            sc.until = IdiomDifferential.HEAD + 4L * rnd.nextInt(code.length);
        }
        return sc;
    }

    /** A destination: random, or overlapping the source area, or just below the loop's code. */
    private static long destination(Random rnd, int align) {
        return rnd.nextInt(10) == 0 ? IdiomDifferential.HEAD - 8L * rnd.nextInt(64)
                : IdiomDifferential.dataAddress(rnd, align);
    }

    private static long count(Random rnd, int max) {
        return rnd.nextInt(15) == 0 ? 0 : 1 + rnd.nextInt(max);
    }

    private static int[] distinctRegs(Random rnd, int n, int bound, int from) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            boolean again;
            do {
                r[i] = from + rnd.nextInt(bound - from);
                again = false;
                for (int j = 0; j < i; j++) {
                    again |= r[j] == r[i];
                }
            } while (again);
        }
        return r;
    }

    private static void assertMostlyFast(IdiomDifferential d) {
        assertTrue(d.idiomInstructions() * 2 > d.allInstructions(),
                "the idioms ran " + d.idiomInstructions() + " of " + d.allInstructions() + " instructions");
    }
}
