package org.kexeclab.arm.unicorn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.EngineException;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.unicorn.UnicornEngine;
import org.kexeclab.testkit.Engines;

/** Engine errors of the Unicorn binding name the call, Unicorn's error and the PC (seen on arm64). */
class Arm64UnicornEngineTest {
    private final UnicornEngine engine = Engines.unicorn();

    @Test
    void map_unalignedSize_throwsEngineExceptionWithStrerrorNameAndPc() {
        try (Cpu cpu = engine.open(ArmArches.ARM64)) {
            EngineException e = assertThrows(EngineException.class, () -> cpu.map(0x1000, 0x123, Perm.ALL));
            assertEquals("UC_ERR_ARG", e.errorName());
            assertTrue(e.getMessage().startsWith("mem_map 0x1000+0x123 failed on arm64: "), e.getMessage());
            assertTrue(e.getMessage().contains("(UC_ERR_ARG, pc 0x"), e.getMessage());
        }
    }
}
