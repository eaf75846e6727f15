package org.kexeclab.ppc.unicorn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.EngineSupport;
import org.kexeclab.engine.EngineUnavailableException;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.StopReason;
import org.kexeclab.engine.unicorn.UnicornEngine;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.ppc.PpcRegister;
import org.kexeclab.testkit.Engines;

/** What the Unicorn engine says of 64-bit PowerPC: the ppc64 probe (unicorn issue 1779) and no little-endian PowerPC. */
class PpcUnicornEngineTest {
    private final UnicornEngine engine = Engines.unicorn();

    @Test
    void probe_ppc64_matchesWhatTheLibraryCanRun() {
        EngineSupport s = engine.probe(PpcArches.PPC64);
        if (engine.name().startsWith("unicorn 2.0.")) {
            assertFalse(s.supported(), "Unicorn 2.0.x carries unicorn issue 1779");
            assertTrue(s.reason().startsWith("Unicorn 2.0."), s.reason());
            assertTrue(s.reason().contains("cannot run 64-bit PowerPC instructions"), s.reason());
            assertTrue(s.reason().contains("unicorn issue 1779"), s.reason());
            assertTrue(s.reason().contains("exception 96"), s.reason());
        }
        if (s.supported()) {
            try (Cpu cpu = engine.open(PpcArches.PPC64)) {
                cpu.map(0x1000, 0x1000, Perm.ALL);
                cpu.write(0x1000, new byte[] {(byte) 0xe8, 0x64, 0x01, 0x00}); // ld 3,0x100(4)
                cpu.write(0x1100, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
                cpu.writeRegister(PpcRegister.R4, 0x1000);
                assertEquals(StopReason.REACHED_UNTIL, cpu.run(0x1000, 0x1004, RunLimits.NONE).reason());
                assertEquals(0x0102030405060708L, cpu.readRegister(PpcRegister.R3));
            }
        }
    }

    @Test
    void open_ppc64WhenProbeFails_throwsTypedExceptionWithTheProbeSentence() {
        EngineSupport s = engine.probe(PpcArches.PPC64);
        if (!s.supported()) {
            EngineUnavailableException e = assertThrows(EngineUnavailableException.class, () -> engine.open(PpcArches.PPC64));
            assertEquals(s.reason(), e.getMessage());
            assertEquals(PpcArches.PPC64, e.arch());
        }
    }

    @Test
    void open_ppc64le_throwsSayingUnicornHasNoLittleEndianPowerPc() {
        EngineUnavailableException e = assertThrows(EngineUnavailableException.class, () -> engine.open(PpcArches.PPC64LE));
        assertTrue(e.getMessage().contains("no little-endian PowerPC"), e.getMessage());
        assertFalse(engine.probe(PpcArches.PPC64LE).supported());
    }
}
