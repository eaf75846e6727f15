package org.kexeclab.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.loader.plan.Purgatory;
import org.kexeclab.testkit.Engines;

/** x86_64's purgatory also leaves a sane stack and RFLAGS, whatever it was entered with. */
class X86_64PurgatoryStateTest {
    private static final long BASE = 0x200000;
    private static final long KERNEL = 0x400200;
    private static final long BOOT_PARAMS = 0x3000;

    @Test
    void run_dirtyFlagsAndStack_leavesRflags2AndStackInsideItsPage() {
        Stub p = new X86_64Purgatory().assemble(BASE).patch(Purgatory.KERNEL_ENTRY_SLOT, KERNEL, 8)
                .patch(Purgatory.slot("rsi"), BOOT_PARAMS, 8);
        try (Cpu cpu = Engines.unicorn().open(X86Arches.X86_64)) {
            cpu.map(0, 0x800000, Perm.ALL);
            cpu.write(BASE, p.bytes());
            cpu.writeRegister(X86Register.RFLAGS, 0x2 | 0x200 | 0x400); // IF and DF set
            cpu.writeRegister(X86Register.RSP, 0x7ffff8);
            RunResult r = cpu.run(p.symbol(Purgatory.ENTRY), KERNEL, RunLimits.budget(100));
            assertTrue(r.reachedUntil(), r::message);
            assertEquals(0x2, cpu.readRegister(X86Register.RFLAGS), "rflags");
            assertEquals(BOOT_PARAMS, cpu.readRegister(X86Register.RSI), "rsi");
            long rsp = cpu.readRegister(X86Register.RSP);
            assertEquals(p.symbol("purgatory_stack_top"), rsp, "rsp");
            assertEquals(0, rsp & 0xf, "16-byte aligned");
            assertTrue(rsp > BASE && rsp <= BASE + p.size(), "inside the purgatory");
        }
    }
}
