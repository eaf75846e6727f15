package org.kexeclab.engine.unicorn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kexeclab.Arch;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngines;
import org.kexeclab.engine.EngineException;
import org.kexeclab.engine.EngineSupport;
import org.kexeclab.engine.EngineUnavailableException;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.PpcRegister;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.StopReason;

class UnicornEngineTest {
    private final UnicornEngine engine = UnicornEngine.instance();

    @Test
    void name_installedLibrary_namesUnicornAndItsVersion() {
        assertTrue(engine.name().matches("unicorn 2\\.\\d+\\.\\d+"), engine.name());
    }

    @Test
    void probe_ppc64_matchesWhatTheLibraryCanRun() {
        EngineSupport s = engine.probe(Arch.PPC64);
        if (engine.name().startsWith("unicorn 2.0.")) {
            assertFalse(s.supported(), "Unicorn 2.0.x carries unicorn issue 1779");
            assertTrue(s.reason().startsWith("Unicorn 2.0."), s.reason());
            assertTrue(s.reason().contains("cannot run 64-bit PowerPC instructions"), s.reason());
            assertTrue(s.reason().contains("unicorn issue 1779"), s.reason());
            assertTrue(s.reason().contains("exception 96"), s.reason());
        }
        if (s.supported()) {
            try (Cpu cpu = engine.open(Arch.PPC64)) {
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
        EngineSupport s = engine.probe(Arch.PPC64);
        if (!s.supported()) {
            EngineUnavailableException e = assertThrows(EngineUnavailableException.class, () -> engine.open(Arch.PPC64));
            assertEquals(s.reason(), e.getMessage());
            assertEquals(Arch.PPC64, e.arch());
        }
    }

    @Test
    void open_ppc64le_throwsSayingUnicornHasNoLittleEndianPowerPc() {
        EngineUnavailableException e = assertThrows(EngineUnavailableException.class, () -> engine.open(Arch.PPC64LE));
        assertTrue(e.getMessage().contains("no little-endian PowerPC"), e.getMessage());
        assertFalse(engine.probe(Arch.PPC64LE).supported());
    }

    @Test
    void map_unalignedSize_throwsEngineExceptionWithStrerrorNameAndPc() {
        try (Cpu cpu = engine.open(Arch.ARM64)) {
            EngineException e = assertThrows(EngineException.class, () -> cpu.map(0x1000, 0x123, Perm.ALL));
            assertEquals("UC_ERR_ARG", e.errorName());
            assertTrue(e.getMessage().startsWith("mem_map 0x1000+0x123 failed on arm64: "), e.getMessage());
            assertTrue(e.getMessage().contains("(UC_ERR_ARG, pc 0x"), e.getMessage());
        }
    }

    @Test
    void libraryName_propertySet_usesThePath() {
        String old = System.getProperty(UcLibrary.PROPERTY);
        try {
            System.setProperty(UcLibrary.PROPERTY, "/opt/unicorn/libunicorn.so.2");
            assertEquals("/opt/unicorn/libunicorn.so.2", UcLibrary.libraryName());
        } finally {
            if (old == null) {
                System.clearProperty(UcLibrary.PROPERTY);
            } else {
                System.setProperty(UcLibrary.PROPERTY, old);
            }
        }
    }

    @Test
    void engines_byName_findsUnicornAndRejectsUnknownNames() {
        assertSame(engine, CpuEngines.byName("Unicorn"));
        assertSame(engine, CpuEngines.defaultEngine());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CpuEngines.byName("qemu"));
        assertTrue(e.getMessage().contains("unicorn"), e.getMessage());
    }

    @Test
    void ucError_codes_followUnicornHeaderOrder() {
        assertEquals(UcError.UC_ERR_OK, UcError.of(0));
        assertEquals(UcError.UC_ERR_MAP, UcError.of(11));
        assertEquals(UcError.UC_ERR_EXCEPTION, UcError.of(21));
        assertEquals(UcError.UNKNOWN, UcError.of(99));
    }
}
