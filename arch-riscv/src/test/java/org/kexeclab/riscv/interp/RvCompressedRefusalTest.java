package org.kexeclab.riscv.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.riscv.RiscvArches;
import org.kexeclab.testkit.Engines;

/**
 * The Java engine's RV64 hart has no compressed (C) instructions: one ends the run as an
 * invalid instruction whose sentence says it is a compressed one (a kernel built with C, as
 * Debian's riscv64 is, fails there rather than at some misread word).
 */
class RvCompressedRefusalTest {
    private static final long CODE = 0x1000;

    @Test
    void run_compressedMv_invalidInstructionNamedCompressed() {
        try (Cpu cpu = Engines.java().open(RiscvArches.RISCV64)) {
            cpu.map(0, 0x10000, Perm.ALL);
            cpu.write(CODE, new byte[] {0x2a, (byte) 0x84, (byte) 0xae, (byte) 0x84});
            RunResult r = cpu.run(CODE, CODE + 4, RunLimits.budget(4));
            assertEquals(StopReason.INVALID_INSTRUCTION, r.reason(), r::toString);
            assertEquals(CODE, r.pc());
            assertTrue(r.message().contains("bytes 2a 84 (halfword 0x842a) are a compressed (C) instruction, which "
                    + "the Java engine does not implement for riscv64"), r.message());
        }
    }
}
