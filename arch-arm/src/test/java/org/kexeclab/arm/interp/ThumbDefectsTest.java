package org.kexeclab.arm.interp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.testkit.Engines;

/** Java-engine defects on 32-bit ARM the engine fuzzers found, fixed, with a regression test each. */
class ThumbDefectsTest {

    /**
     * Found while reading the differential fuzzer's outcomes: the Java engine named an invalid
     * 16-bit Thumb instruction with a second halfword 0x0000 it never fetched ("Thumb halfwords
     * 0xacbc 0x0000 (bytes bc ac 00 00)" where memory held bc ac 5d 67).
     */
    @Test
    void javaThumb_invalid16BitInstruction_namesOnlyItsHalfword() {
        try (Cpu cpu = Engines.java().open(ArmArches.ARM)) {
            cpu.map(0x10000, 0x1000, Perm.ALL);
            cpu.write(0x10000, new byte[] {(byte) 0xbc, (byte) 0xac, 0x5d, 0x67});
            RunResult r = cpu.run(0x10001, 0x7fff0000L, RunLimits.budget(1));
            org.junit.jupiter.api.Assumptions.assumeTrue(r.reason() == StopReason.INVALID_INSTRUCTION,
                    "the Java engine now implements add r4, sp, #0x2f0");
            assertTrue(r.message().contains("Thumb halfword 0xacbc (bytes bc ac) is not"), r.message());
        }
    }
}
