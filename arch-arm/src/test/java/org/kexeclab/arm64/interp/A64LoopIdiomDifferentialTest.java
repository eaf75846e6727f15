package org.kexeclab.arm64.interp;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.arm64.Arm64Register;
import org.kexeclab.testkit.IdiomDifferential;
import org.kexeclab.testkit.IdiomDifferential.Scenario;

/**
 * The loop idioms ({@code IsaCore.runIdiom}) change nothing but speed: random A64 copy and
 * cache-clean loops (random registers, counts, overlapping and page-crossing ranges,
 * unmapped, read-only and write-only pages, stores into the loop's own code, budgets and
 * {@code until} inside the loop, hooks) end identically with idioms on and off. Each test also
 * proves the fast path really ran for most of the instructions.
 */
class A64LoopIdiomDifferentialTest {
    private static final int CASES = 250;

    @Test
    void a64CopyLoop_randomCases_sameAsStepping() {
        IdiomDifferential d = new IdiomDifferential();
        Random rnd = new Random(15);
        for (int i = 0; i < CASES; i++) {
            int k = 1 + rnd.nextInt(4);
            int[] r = IdiomDifferential.distinctRegs(rnd, 2 * k + 2, 30, 0);
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
            Scenario sc = IdiomDifferential.scenario(ArmArches.ARM64, code, rnd);
            sc.set(Arm64Register.values()[s], IdiomDifferential.dataAddress(rnd, 16 * k))
                    .set(Arm64Register.values()[dst], IdiomDifferential.destination(rnd, 16));
            d.check(sc);
        }
        d.assertMostlyFast();
    }

    @Test
    void a64CleanLoop_randomCases_sameAsStepping() {
        IdiomDifferential d = new IdiomDifferential();
        Random rnd = new Random(16);
        for (int i = 0; i < CASES; i++) {
            int[] r = IdiomDifferential.distinctRegs(rnd, 3, 30, 0);
            int q = r[0];
            int p = rnd.nextBoolean() ? q : r[1];
            int[] code = {0xd50b_7e20 | p, 0x8b00_0000 | r[1] << 16 | q << 5 | q, 0xeb00_001f | r[2] << 16 | q << 5,
                0x5400_0003 | (-3 & 0x7ffff) << 5, 0xd503_201f};
            Scenario sc = IdiomDifferential.scenario(ArmArches.ARM64, code, rnd);
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
        d.assertMostlyFast();
    }
}
