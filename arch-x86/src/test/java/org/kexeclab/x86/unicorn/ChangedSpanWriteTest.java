package org.kexeclab.x86.unicorn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.testkit.Engines;
import org.kexeclab.x86.X86Arches;
import org.kexeclab.x86.X86Register;

/**
 * A Java write over translated code drops only the span whose bytes change: rewriting a whole
 * page runs the changed instructions anew, and the unchanged ones still run as they are.
 */
class ChangedSpanWriteTest {
    private static final long PAGE = 0x10000;

    private static byte[] page(int first, int second) {
        byte[] p = new byte[0x1000];
        java.util.Arrays.fill(p, (byte) 0x90);
        byte[] movFirst = {(byte) 0xb8, (byte) first, 0, 0, 0};      // mov eax, first
        byte[] movSecond = {(byte) 0xb8, (byte) second, 0, 0, 0};    // mov eax, second
        System.arraycopy(movFirst, 0, p, 0, 5);
        System.arraycopy(movSecond, 0, p, 0x100, 5);
        return p;
    }

    private static long run(Cpu cpu, long at) {
        cpu.run(at, at + 5, RunLimits.budget(10));
        return cpu.readRegister(X86Register.RAX);
    }

    @Test
    void write_wholePageWithOneInstructionChanged_changedOneRunsNewAndOthersStay() {
        try (Cpu cpu = Engines.unicorn().open(X86Arches.X86_64)) {
            cpu.map(PAGE, 0x1000, Perm.ALL);
            cpu.write(PAGE, page(1, 2));
            assertEquals(1, run(cpu, PAGE));
            assertEquals(2, run(cpu, PAGE + 0x100));
            cpu.write(PAGE, page(1, 3));
            assertEquals(3, run(cpu, PAGE + 0x100));
            assertEquals(1, run(cpu, PAGE));
            cpu.write(PAGE, page(4, 3));
            assertEquals(4, run(cpu, PAGE));
            assertEquals(3, run(cpu, PAGE + 0x100));
        }
    }

    @Test
    void write_identicalBytes_codeStillRunsAndAChangeAfterwardsIsSeen() {
        try (Cpu cpu = Engines.unicorn().open(X86Arches.X86_64)) {
            cpu.map(PAGE, 0x1000, Perm.ALL);
            cpu.write(PAGE, page(5, 6));
            assertEquals(5, run(cpu, PAGE));
            cpu.write(PAGE, page(5, 6));
            assertEquals(5, run(cpu, PAGE));
            cpu.write(PAGE + 1, new byte[] {7});
            assertEquals(7, run(cpu, PAGE));
        }
    }
}
