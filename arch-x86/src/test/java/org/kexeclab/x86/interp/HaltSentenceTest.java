package org.kexeclab.x86.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.testkit.Engines;
import org.kexeclab.x86.X86Arches;

/**
 * A run the guest ends with a halt instruction says so, and a run a hook ends says that
 * (finding 12 of docs/RELIABILITY.md: a halt used to read "a hook stopped the run").
 */
class HaltSentenceTest {

    @Test
    void run_x86Hlt_stoppedSayingTheCpuHalted() {
        try (Cpu cpu = Engines.java().open(X86Arches.X86_64)) {
            cpu.map(0x10000, 0x1000, Perm.ALL);
            cpu.write(0x10000, new byte[] {(byte) 0x90, (byte) 0xf4});
            RunResult r = cpu.run(0x10000, 0x7fff0000, RunLimits.budget(10));
            assertEquals(StopReason.STOPPED, r.reason(), r.toString());
            assertEquals("the CPU halted: a halt instruction at 0x10001", r.message());
        }
    }

    @Test
    void run_codeHookStops_stoppedSayingAHookStoppedIt() {
        try (Cpu cpu = Engines.java().open(X86Arches.X86_64)) {
            cpu.map(0x10000, 0x1000, Perm.ALL);
            cpu.write(0x10000, new byte[] {(byte) 0x90, (byte) 0x90, (byte) 0xf4});
            cpu.onCode((address, size) -> {
                if (address == 0x10001) {
                    cpu.stop();
                }
            }, 0, -1L);
            RunResult r = cpu.run(0x10000, 0x7fff0000, RunLimits.budget(10));
            assertEquals(StopReason.STOPPED, r.reason(), r.toString());
            assertEquals("a hook or stop() stopped the run at 0x10001", r.message());
        }
    }
}
