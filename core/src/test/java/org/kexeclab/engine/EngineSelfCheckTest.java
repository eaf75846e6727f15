package org.kexeclab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kexeclab.engine.unicorn.UnicornEngine;

class EngineSelfCheckTest {

    @ParameterizedTest
    @EnumSource(value = ExecutionMode.class, names = "PPC64", mode = EnumSource.Mode.EXCLUDE)
    void arithCode_everyMode_matchesGnuAsGoldenBytes(ExecutionMode mode) {
        byte[] golden = GoldenPrograms.of(mode).get("arith");
        int nop = ModeFixture.of(mode).nopSize();
        assertArrayEquals(Arrays.copyOf(golden, golden.length - nop), EngineSelfCheck.arithCode(mode));
    }

    @Test
    void run_unicorn_everyModeButPpc64WorksAndPpc64SaysWhyInOneSentence() {
        CpuEngine engine = UnicornEngine.instance();
        List<ModeCheck> checks = EngineSelfCheck.run(engine);
        assertEquals(ExecutionMode.values().length, checks.size());
        for (ModeCheck c : checks) {
            if (c.mode() == ExecutionMode.PPC64 && !engine.probe(c.mode().arch()).supported()) {
                assertFalse(c.works());
                assertTrue(c.sentence().contains("64-bit PowerPC"), c.sentence());
            } else {
                assertTrue(c.works(), c.toString());
                assertTrue(c.sentence().contains(c.mode() == ExecutionMode.PPC64 ? "0x102030405060708" : "= 119"),
                        c.sentence());
            }
        }
    }
}
