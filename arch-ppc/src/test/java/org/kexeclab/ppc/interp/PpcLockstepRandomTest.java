package org.kexeclab.ppc.interp;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.ppc.PpcFixtures;
import org.kexeclab.ppc.PpcRegister;
import org.kexeclab.testkit.Engines;
import org.kexeclab.testkit.Lockstep;

/**
 * Randomized differential runs: for every 32-bit PowerPC form the Java engine implements,
 * {@value #DEFAULT_CASES} cases (system property {@code lockstep.cases}) of random operands, each
 * executed as one instruction on Unicorn's ppc32 and on the Java engine, comparing every GPR,
 * LR, CTR, CR, MSR, the PC and every stored byte, then XER.
 *
 * <p>XER is set with {@code mtxer r0} before and read with {@code mfxer r0} after the instruction
 * (each a compared step): Unicorn 2.0.1's register API reads and writes only the raw XER word,
 * not QEMU's separate SO, OV and CA fields, so an XER written through it does not reach the
 * instructions and one read through it misses their carries. Seeded per form: a failure names
 * the seed and the case, and re-running reproduces it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PpcLockstepRandomTest {
    static final int DEFAULT_CASES = 200;
    private static final long SEED = Long.getLong("lockstep.seed", 0x6b65_7865_63L);
    private static final int CASES = Integer.getInteger("lockstep.cases", DEFAULT_CASES);

    /** {@code mtspr XER, r0} and {@code mfspr r0, XER}. */
    static final int MTXER_R0 = 0x7c01_03a6;
    static final int MFXER_R0 = 0x7c01_02a6;
    static final int NOP = 0x6000_0000;
    static final long SLOT = 24;

    private Lockstep pair;
    private long slot;

    @BeforeAll
    void open() {
        pair = pair(SEED);
    }

    @AfterAll
    void close() {
        if (pair != null) {
            pair.close();
        }
    }

    static Stream<PpcForm> forms() {
        return PpcFormCatalog.forms32().stream();
    }

    /** Unicorn ppc32 and the Java engine with code and data pages mapped and the same random data. */
    static Lockstep pair(long seed) {
        CpuEngine unicorn = Engines.unicorn();
        Engines.assumeRuns(unicorn, PpcArches.PPC32);
        Lockstep pair = new Lockstep(PpcFixtures.lockstep(), InterpEngine.instance().open(PpcArches.PPC32),
                unicorn.open(PpcArches.PPC32), true);
        pair.map(PpcRandomCases.CODE, PpcRandomCases.CODE_SIZE, Perm.ALL);
        pair.map(PpcRandomCases.DATA, PpcRandomCases.DATA_SIZE, Perm.READ | Perm.WRITE);
        byte[] data = new byte[(int) PpcRandomCases.DATA_SIZE];
        new Random(seed).nextBytes(data);
        pair.write(PpcRandomCases.DATA, data);
        pair.watch(PpcRandomCases.DATA, (int) PpcRandomCases.DATA_SIZE);
        return pair;
    }

    @ParameterizedTest
    @MethodSource("forms")
    void lockstep_randomOperands_javaEngineMatchesUnicorn(PpcForm form) {
        long seed = SEED ^ form.name().hashCode();
        PpcRandomCases cases = new PpcRandomCases(seed);
        {
            for (int i = 0; i < CASES; i++) {
                long at = PpcRandomCases.CODE + SLOT * (slot++ % (PpcRandomCases.CODE_SIZE / SLOT));
                pair.set(PpcRegister.R0, cases.xer());
                int word = cases.prepareAfterXer(form, pair);
                String diff = runSlot(pair, at, form.kind() == PpcForm.Kind.RETURN, word);
                int n = i;
                String found = diff;
                assertNull(found, () -> String.format("%s case %d (seed 0x%x), word 0x%08x:%n%s", form, n, seed,
                        word, found));
            }
        }
    }

    /**
     * Writes the whole slot first, so Unicorn never steps an instruction followed by an unwritten
     * (invalid) word, which it raises before its one-instruction budget ends:
     * {@code mtxer r0; [mtsrr0 r3; mtsrr1 r4;] insn; [nop; nop;] mfxer r0; nop}, then steps
     * mtxer, the instruction (and its prelude) and mfxer, comparing after each.
     */
    private static String runSlot(Lockstep pair, long at, boolean rfi, int word) {
        int[] words = rfi ? new int[] {MTXER_R0, 0x7c7a_03a6, 0x7c9b_03a6, word, MFXER_R0, NOP}
                : new int[] {MTXER_R0, word, NOP, NOP, MFXER_R0, NOP};
        for (int k = 0; k < words.length; k++) {
            pair.write(at + 4L * k, bigEndian(words[k]));
        }
        long[] steps = rfi ? new long[] {at, at + 4, at + 8, at + 12, at + 16} : new long[] {at, at + 4, at + 16};
        for (long pc : steps) {
            String diff = pair.step(pc);
            if (!diff.isEmpty()) {
                return String.format("step at 0x%x: %s", pc, diff);
            }
        }
        return null;
    }

    static byte[] bigEndian(int w) {
        return new byte[] {(byte) (w >>> 24), (byte) (w >>> 16), (byte) (w >>> 8), (byte) w};
    }
}
