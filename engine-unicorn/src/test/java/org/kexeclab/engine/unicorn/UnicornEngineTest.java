package org.kexeclab.engine.unicorn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kexeclab.engine.CpuEngines;

class UnicornEngineTest {
    private final UnicornEngine engine = UnicornEngine.instance();

    @Test
    void name_installedLibrary_namesUnicornAndItsVersion() {
        assertTrue(engine.name().matches("unicorn 2\\.\\d+\\.\\d+"), engine.name());
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
        assertSame(UnicornEngine.class, CpuEngines.byName("Unicorn").getClass());
        assertSame(UnicornEngine.class, CpuEngines.defaultEngine().getClass());
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
