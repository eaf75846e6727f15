package org.kexeclab.arm.interp;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.arm.ArmRegister;
import org.kexeclab.testkit.IdiomDifferential;
import org.kexeclab.testkit.IdiomDifferential.Scenario;
import org.kexeclab.testkit.Programs;

/**
 * The loop idioms ({@code IsaCore.runIdiom}) change nothing but speed: random A32 copy loops (random registers, counts, overlapping and page-crossing ranges,
 * unmapped, read-only and write-only pages, stores into the loop's own code, budgets and
 * {@code until} inside the loop, hooks) end identically with idioms on and off. Each test also
 * proves the fast path really ran for most of the instructions.
 */
class A32LoopIdiomDifferentialTest {
    private static final int CASES = 250;

    @Test
    void a32CopyLoop_randomCases_sameAsStepping() {
        IdiomDifferential d = new IdiomDifferential();
        Random rnd = new Random(11);
        for (int i = 0; i < CASES; i++) {
            int[] r = IdiomDifferential.distinctRegs(rnd, 4, 13, 0);
            int t = r[0];
            int s = r[1];
            int dst = r[2];
            int c = r[3];
            String src = String.format("loop:%nldr r%d, [r%d], #4%nstr r%d, [r%d], #4%nsubs r%d, r%d, #1%nbne loop%n"
                    + "mov r0, r0%n", t, s, t, dst, c, c);
            int[] code = Programs.words(ArmArches.ARM, IdiomDifferential.HEAD, src);
            Scenario sc = IdiomDifferential.scenario(ArmArches.ARM, code, rnd);
            sc.set(ArmRegister.values()[s], IdiomDifferential.dataAddress(rnd, 4))
                    .set(ArmRegister.values()[dst], IdiomDifferential.destination(rnd, 4))
                    .set(ArmRegister.values()[c], IdiomDifferential.count(rnd, 2048))
                    .set(ArmRegister.CPSR, rnd.nextBoolean() ? 0x4000_01d3L : 0x6000_01d3L);
            d.check(sc);
        }
        d.assertMostlyFast();
    }
}
