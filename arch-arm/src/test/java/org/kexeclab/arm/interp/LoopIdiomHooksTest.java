package org.kexeclab.arm.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.arm.ArmRegister;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.engine.interp.InterpCpu;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.testkit.Programs;

/**
 * Which hooks keep a loop from running in bulk: one that covers the loop's body or the pages it
 * touches does (and sees every iteration); one beside them does not (and fires as usual).
 */
class LoopIdiomHooksTest {
    private static final long CODE = 0x10000;
    private static final long SRC = 0x20000;
    private static final long DST = 0x30000;
    private static final long EXIT = CODE + 16;

    /** An A32 copy loop of 1024 words. */
    private static InterpCpu copyLoop() {
        InterpCpu cpu = (InterpCpu) InterpEngine.instance().open(ArmArches.ARM);
        cpu.map(CODE, 4096, Perm.ALL);
        cpu.map(SRC, 4096, Perm.READ | Perm.WRITE);
        cpu.map(DST, 4096, Perm.READ | Perm.WRITE);
        cpu.write(CODE, Programs.bytes(ArmArches.ARM, CODE, """
                loop:
                    ldr r5, [r3], #4
                    str r5, [r4], #4
                    subs r6, r6, #1
                    bne loop
                    mov r0, r0
                """));
        cpu.writeRegister(ArmRegister.R3, SRC);
        cpu.writeRegister(ArmRegister.R4, DST);
        cpu.writeRegister(ArmRegister.R6, 1024);
        return cpu;
    }

    private static RunResult run(InterpCpu cpu) {
        RunResult r = cpu.run(CODE, EXIT + 4, RunLimits.NONE.counted());
        assertEquals(StopReason.REACHED_UNTIL, r.reason());
        assertEquals(4 * 1024 + 1, r.instructions());
        return r;
    }

    @Test
    void codeHookAfterLoop_firesOnce_loopStillInBulk() {
        try (InterpCpu cpu = copyLoop()) {
            AtomicInteger calls = new AtomicInteger();
            cpu.onCode((a, s) -> calls.incrementAndGet(), EXIT, EXIT);
            run(cpu);
            assertEquals(1, calls.get());
            assertTrue(cpu.idiomInstructions() > 4000, "bulk: " + cpu.idiomInstructions());
        }
    }

    @Test
    void codeHookOnLoop_seesEveryIteration_noBulk() {
        try (InterpCpu cpu = copyLoop()) {
            AtomicInteger calls = new AtomicInteger();
            cpu.onCode((a, s) -> calls.incrementAndGet(), CODE + 8, CODE + 8);
            run(cpu);
            assertEquals(1024, calls.get());
            assertEquals(0, cpu.idiomInstructions());
        }
    }

    @Test
    void blockHookOnLoopHead_seesEveryIteration_noBulk() {
        try (InterpCpu cpu = copyLoop()) {
            AtomicInteger calls = new AtomicInteger();
            cpu.onBlock((a, s) -> calls.incrementAndGet(), CODE, CODE);
            run(cpu);
            assertEquals(1024, calls.get());
            assertEquals(0, cpu.idiomInstructions());
        }
    }

    @Test
    void memoryHookOnDestination_seesEveryStore_noBulk() {
        try (InterpCpu cpu = copyLoop()) {
            AtomicInteger calls = new AtomicInteger();
            cpu.onMemory((acc, a, s, v) -> calls.incrementAndGet(), Perm.WRITE, DST + 4092, DST + 4095);
            run(cpu);
            assertEquals(1, calls.get());
            assertEquals(0, cpu.idiomInstructions());
        }
    }

    @Test
    void memoryHookOnOtherPage_loopStillInBulk() {
        try (InterpCpu cpu = copyLoop()) {
            AtomicInteger calls = new AtomicInteger();
            cpu.onMemory((acc, a, s, v) -> calls.incrementAndGet(), Perm.READ | Perm.WRITE, CODE, CODE + 4095);
            run(cpu);
            assertEquals(0, calls.get());
            assertTrue(cpu.idiomInstructions() > 4000, "bulk: " + cpu.idiomInstructions());
        }
    }
}
