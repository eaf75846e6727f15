package org.kexeclab.arm64.interp;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.arm64.Arm64Register;
import org.kexeclab.testkit.IdiomDifferential;
import org.kexeclab.testkit.IdiomDifferential.Scenario;
import org.kexeclab.testkit.Programs;

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
            StringBuilder loop = new StringBuilder("loop:\n");
            for (int j = 0; j < k; j++) {
                loop.append(String.format("ldp x%d, x%d, [x%d], #16%n", r[2 * j], r[2 * j + 1], s));
            }
            for (int j = 0; j < k; j++) {
                loop.append(String.format("stp x%d, x%d, [x%d], #16%n", r[2 * j], r[2 * j + 1], dst));
            }
            int imms = rnd.nextBoolean() ? 11 : 5 + rnd.nextInt(6);
            int tested = rnd.nextInt(4) == 0 ? dst : s;
            loop.append(String.format("tst x%d, #0x%x%nb.ne loop%nnop%n", tested, (1L << (imms + 1)) - 1));
            int[] code = Programs.words(ArmArches.ARM64, IdiomDifferential.HEAD, loop.toString());
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
            String src = String.format("loop:%ndc civac, x%d%nadd x%d, x%d, x%d%ncmp x%d, x%d%nb.lo loop%nnop%n", p, q, q,
                    r[1], q, r[2]);
            int[] code = Programs.words(ArmArches.ARM64, IdiomDifferential.HEAD, src);
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
