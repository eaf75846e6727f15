package org.kexeclab.ppc.unicorn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.MemoryAccess;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.engine.unicorn.UnicornEngine;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.ppc.PpcRegister;
import org.kexeclab.testkit.Engines;

/**
 * The PowerPC timer guard: every instruction form that kills Unicorn 2.0.1 (measured, see
 * {@link TimerSprGuard}) stops the run in-process with a typed result instead. If the guard
 * missed one, this test's JVM would die (SIGSEGV) and surefire would report the fork crash.
 */
class TimerSprGuardTest {
    /** The 13 crashing forms measured on libunicorn 2.0.1 (rD/rS = r3); encodings from GNU as. */
    static final List<Integer> CRASHING = List.of(
            0x7c7602a6, 0x7c6c42a6, 0x7c6d42a6, 0x7c7c42a6, 0x7c7d42a6,  // mfspr r3, 22/268/269/284/285
            0x7c7602e6, 0x7c6c42e6, 0x7c6d42e6, 0x7c7c42e6, 0x7c7d42e6,  // mftb r3, 22/268/269/284/285
            0x7c7603a6, 0x7c7c43a6, 0x7c7d43a6);                         // mtspr 22/284/285, r3
    private static final long CODE = 0x10000;
    private static final int LI_R4_1 = 0x38800001;
    private static final int NOP = 0x60000000;

    private final UnicornEngine engine = Engines.unicorn();

    @Test
    void run_everyCrashingForm_stopsBeforeItsBlockWithTypedResult() {
        for (int word : CRASHING) {
            try (Cpu cpu = open(LI_R4_1, word, NOP)) {
                RunResult r = cpu.run(CODE, CODE + 12, RunLimits.budget(100));
                assertRefused(r, CODE + 4, word);
                assertEquals(0, cpu.readRegister(PpcRegister.R4), "no instruction of the refused block ran");
                assertRefused(cpu.run(CODE, CODE + 12, RunLimits.budget(100)), CODE + 4, word);
                assertRefused(cpu.run(CODE, CODE + 12, RunLimits.budget(100).counted()), CODE + 4, word);
            }
        }
    }

    @Test
    void crashes_neighbouringSprForms_notRefused() {
        assertFalse(TimerSprGuard.crashes(0x7c6c43a6), "mtspr 268 survives on 2.0.1");
        assertFalse(TimerSprGuard.crashes(0x7c7502a6), "mfspr r3, 21 survives");
        assertFalse(TimerSprGuard.crashes(NOP));
        CRASHING.forEach(w -> assertTrue(TimerSprGuard.crashes(w), Integer.toHexString(w)));
        assertTrue(TimerSprGuard.crashes(0x7fd602a6), "mfspr r30, DEC: any register");
    }

    @Test
    void run_neighbouringSprRead_executes() {
        try (Cpu cpu = open(LI_R4_1, 0x7c7a02a6, NOP)) {   // mfspr r3, SRR0
            RunResult r = cpu.run(CODE, CODE + 12, RunLimits.budget(100));
            assertEquals(StopReason.REACHED_UNTIL, r.reason(), r.toString());
            assertEquals(1, cpu.readRegister(PpcRegister.R4));
        }
    }

    @Test
    void run_guestStoresDecrementerReadThenBranchesToIt_stopsBeforeIt() {
        int[] program = {0x3cc00001, 0x60c60100, 0x3ca07c76, 0x60a502a6, 0x90a60000, 0x480000ec};
        try (Cpu cpu = open(program)) {
            cpu.write(CODE + 0x100, be(NOP, NOP));
            assertEquals(StopReason.REACHED_UNTIL, cpu.run(CODE + 0x100, CODE + 0x104, RunLimits.NONE).reason(),
                    "the nop at 0x10100 is translated and cached first");
            RunResult r = cpu.run(CODE, CODE + 0x108, RunLimits.budget(100));
            assertRefused(r, CODE + 0x100, 0x7c7602a6);
            assertEquals(0x7c7602a6L, cpu.readRegister(PpcRegister.R5), "the guest's store ran");
        }
    }

    @Test
    void run_javaRewritesCachedCodeWithTimeBaseRead_stopsBeforeIt() {
        try (Cpu cpu = open(LI_R4_1, NOP, NOP)) {
            assertEquals(StopReason.REACHED_UNTIL, cpu.run(CODE, CODE + 12, RunLimits.NONE).reason());
            cpu.write(CODE + 4, be(0x7c6c42e6));
            cpu.writeRegister(PpcRegister.R4, 0);
            assertRefused(cpu.run(CODE, CODE + 12, RunLimits.NONE), CODE + 4, 0x7c6c42e6);
            cpu.write(CODE + 4, be(NOP));
            assertEquals(StopReason.REACHED_UNTIL, cpu.run(CODE, CODE + 12, RunLimits.NONE).reason(),
                    "once the word is gone the code runs again");
        }
    }

    @Test
    void run_crashingWordAtUntil_reachesUntil() {
        try (Cpu cpu = open(LI_R4_1, 0x7c7602a6)) {
            assertEquals(StopReason.REACHED_UNTIL, cpu.run(CODE, CODE + 4, RunLimits.NONE).reason());
        }
    }

    @Test
    void run_fetchFromPageWithoutExec_stillAFetchFault() {
        try (Cpu cpu = open(0x48001000)) {   // b .+0x1000 -> 0x11000
            cpu.map(CODE + 0x1000, 0x1000, Perm.READ | Perm.WRITE);
            RunResult r = cpu.run(CODE, CODE + 0x2000, RunLimits.budget(100));
            assertEquals(StopReason.MEMORY_FAULT, r.reason(), r.toString());
            assertEquals(MemoryAccess.FETCH, r.access());
            assertEquals(CODE + 0x1000, r.faultAddress());
        }
    }

    private static void assertRefused(RunResult r, long pc, int word) {
        assertEquals(StopReason.INVALID_INSTRUCTION, r.reason(), r.toString());
        assertEquals(pc, r.pc(), r.toString());
        String m = r.message();
        assertTrue(m.startsWith("Unicorn 2.0.1 crashes on " + TimerSprGuard.describe(word)), m);
        assertTrue(m.endsWith("use --engine java") && m.contains(String.format("0x%x", pc)), m);
    }

    private Cpu open(int... words) {
        Cpu cpu = engine.open(PpcArches.PPC32);
        cpu.map(CODE, 0x1000, Perm.ALL);
        cpu.write(CODE, be(words));
        return cpu;
    }

    private static byte[] be(int... words) {
        byte[] b = new byte[words.length * 4];
        for (int i = 0; i < words.length; i++) {
            for (int k = 0; k < 4; k++) {
                b[i * 4 + k] = (byte) (words[i] >>> (24 - 8 * k));
            }
        }
        return b;
    }
}
