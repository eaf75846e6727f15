package org.kexeclab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kexeclab.arch.ArchSupport;
import org.kexeclab.arch.Arches;
import org.kexeclab.engine.RegisterSet;

/** The registers a trace follows, on every registered architecture. */
class TraceRegistersTest {

    @Test
    void registers_everyArchitecture_uniqueNamesOfItsOwnFamily() {
        for (ArchSupport s : Arches.supports()) {
            RegisterSet set = s.registers();
            TraceRegisters r = TraceRegisters.of(set);
            Set<String> names = new HashSet<>();
            for (int i = 0; i < r.size(); i++) {
                assertTrue(names.add(r.name(i)), s.arch() + " repeats " + r.name(i));
                assertTrue(set.contains(r.register(i)), s.arch() + ": " + r.name(i));
            }
        }
        assertEquals("SP", TraceRegisters.of(Arches.support(Arches.byName("arm")).registers()).name(13));
        assertEquals("rflags", TraceRegisters.of(Arches.support(Arches.byName("x86_64")).registers()).lowerName(16));
    }
}
