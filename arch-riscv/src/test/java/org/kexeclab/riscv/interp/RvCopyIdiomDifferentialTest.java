package org.kexeclab.riscv.interp;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.kexeclab.riscv.RiscvArches;
import org.kexeclab.riscv.RiscvRegister;
import org.kexeclab.testkit.IdiomDifferential;
import org.kexeclab.testkit.IdiomDifferential.Scenario;
import org.kexeclab.testkit.Programs;

/**
 * The RV64 copy-loop idiom ({@code IsaCore.runIdiom}) changes nothing but speed: random copy
 * loops (random registers, lengths, an end never reached, overlapping and page-crossing ranges,
 * unmapped, read-only and write-only pages, stores into the loop's own code, budgets and
 * {@code until} inside the loop, hooks) end identically with idioms on and off, and the fast
 * path really ran for most of the instructions.
 */
class RvCopyIdiomDifferentialTest {
    private static final int CASES = 250;

    @Test
    void copyLoop_randomCases_sameAsStepping() {
        IdiomDifferential d = new IdiomDifferential();
        Random rnd = new Random(17);
        for (int i = 0; i < CASES; i++) {
            int[] r = IdiomDifferential.distinctRegs(rnd, 4, 32, 1);
            int t = r[0];
            int s = r[1];
            int dst = r[2];
            int e = r[3];
            String bne = rnd.nextBoolean() ? "bne x%2$d, x%4$d, loop" : "bne x%4$d, x%2$d, loop";
            String src = String.format("loop:%nld x%1$d, 0(x%2$d)%nsd x%1$d, 0(x%3$d)%naddi x%2$d, x%2$d, 8%n"
                    + "addi x%3$d, x%3$d, 8%n" + bne + "%nnop%n", t, s, dst, e);
            int[] code = Programs.words(RiscvArches.RISCV64, IdiomDifferential.HEAD, src);
            Scenario sc = IdiomDifferential.scenario(RiscvArches.RISCV64, code, rnd);
            long from = IdiomDifferential.dataAddress(rnd, 8);
            long length = rnd.nextInt(12) == 0 ? 8 * IdiomDifferential.count(rnd, 1024) + 4
                    : 8 * IdiomDifferential.count(rnd, 1024);
            sc.set(RiscvRegister.x(s), from)
                    .set(RiscvRegister.x(dst), IdiomDifferential.destination(rnd, 8))
                    .set(RiscvRegister.x(e), from + length);
            d.check(sc);
        }
        d.assertMostlyFast();
    }
}
