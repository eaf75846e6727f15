package org.kexeclab.arm64.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.arm64.Arm64Register;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.engine.interp.InterpCpu;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.testkit.Programs;

/**
 * A loop run in bulk still honours the run's time limit and {@code stop()}: an endless
 * {@code dc civac; add; cmp; b.lo} loop (step 0) is cut into chunks with checks in between.
 */
class LoopIdiomLimitsTest {
    private static final long CODE = 0x10000;

    private static InterpCpu endlessLoop() {
        InterpCpu cpu = (InterpCpu) InterpEngine.instance().open(ArmArches.ARM64);
        cpu.map(CODE, 4096, Perm.ALL);
        cpu.write(CODE, Programs.bytes(ArmArches.ARM64, CODE, """
                loop:
                    dc civac, x1
                    add x1, x1, x2
                    cmp x1, x3
                    b.lo loop
                    nop
                """));
        cpu.writeRegister(Arm64Register.X1, 0x1000);
        cpu.writeRegister(Arm64Register.X2, 0);
        cpu.writeRegister(Arm64Register.X3, 0x2000);
        return cpu;
    }

    @Test
    void endlessIdiomLoop_timeLimit_stopsWithTimeout() {
        try (InterpCpu cpu = endlessLoop()) {
            RunResult r = cpu.run(CODE, CODE + 16, RunLimits.timeout(Duration.ofMillis(50)).counted());
            assertEquals(StopReason.TIMEOUT, r.reason());
            assertTrue(cpu.idiomInstructions() > 0, "the loop ran in bulk");
            assertEquals(0, r.instructions() % 4, "whole iterations: " + r.instructions());
        }
    }

    @Test
    void endlessIdiomLoop_stopFromAnotherThread_stops() throws InterruptedException {
        try (InterpCpu cpu = endlessLoop()) {
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            Thread stopper = new Thread(() -> {
                while (!done.get()) { // again and again: run() clears a stop asked before it starts
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                    cpu.stop();
                }
            });
            stopper.start();
            RunResult r = cpu.run(CODE, CODE + 16, RunLimits.timeout(Duration.ofSeconds(30)));
            done.set(true);
            stopper.join();
            assertEquals(StopReason.STOPPED, r.reason());
            assertTrue(cpu.idiomInstructions() > 0, "the loop ran in bulk");
        }
    }

    @Test
    void endlessIdiomLoop_budget_endsExactlyOnBudget() {
        try (InterpCpu cpu = endlessLoop()) {
            RunResult r = cpu.run(CODE, CODE + 16, RunLimits.budget(1_000_003));
            assertEquals(StopReason.BUDGET_EXHAUSTED, r.reason());
            assertEquals(1_000_003, r.instructions());
            assertEquals(0x1000, cpu.readRegister(Arm64Register.X1));
            assertEquals(CODE + 12, r.pc(), "three instructions into the last iteration");
        }
    }
}
