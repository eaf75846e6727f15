package org.kexeclab.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.kexeclab.arch.GdbFeature;
import org.kexeclab.arch.GdbRegister;
import org.kexeclab.arch.GdbTarget;
import org.kexeclab.engine.Cpu;
import org.kexeclab.testkit.Engines;
import org.kexeclab.x86.support.I386Support;

/**
 * i386's target description against GDB's feature file: the core feature's names, numbers, sizes,
 * types and groups as 32bit-core.xml has them, the x87 part unavailable, the control registers
 * numbered on after it, and every modelled register read from and written to the CPU register it
 * names.
 */
class I386GdbTargetTest {
    /** GDB's 32bit-core.xml, in order: name, bits, type and group (null for the default); numbers 0..31. */
    private static final String[][] CORE_XML = {
        {"eax", "32", "int32", null}, {"ecx", "32", "int32", null}, {"edx", "32", "int32", null},
        {"ebx", "32", "int32", null}, {"esp", "32", "data_ptr", null}, {"ebp", "32", "data_ptr", null},
        {"esi", "32", "int32", null}, {"edi", "32", "int32", null}, {"eip", "32", "code_ptr", null},
        {"eflags", "32", "i386_eflags", null}, {"cs", "32", "int32", null}, {"ss", "32", "int32", null},
        {"ds", "32", "int32", null}, {"es", "32", "int32", null}, {"fs", "32", "int32", null},
        {"gs", "32", "int32", null}, {"st0", "80", "i387_ext", null}, {"st1", "80", "i387_ext", null},
        {"st2", "80", "i387_ext", null}, {"st3", "80", "i387_ext", null}, {"st4", "80", "i387_ext", null},
        {"st5", "80", "i387_ext", null}, {"st6", "80", "i387_ext", null}, {"st7", "80", "i387_ext", null},
        {"fctrl", "32", "int", "float"}, {"fstat", "32", "int", "float"}, {"ftag", "32", "int", "float"},
        {"fiseg", "32", "int", "float"}, {"fioff", "32", "int", "float"}, {"foseg", "32", "int", "float"},
        {"fooff", "32", "int", "float"}, {"fop", "32", "int", "float"}};

    private final GdbTarget target = new I386Support().gdbTarget().orElseThrow();

    @Test
    void i386Support_offersGdbTarget_asI386WithNoElfFlagsAndWatchpointsAfterTheAccess() {
        assertEquals("i386", target.architecture());
        assertEquals(0, target.elfFlags());
        assertTrue(target.codeMappingSymbol().isEmpty());
        assertFalse(target.watchpointStopsBeforeAccess());
    }

    @Test
    void coreFeature_namesNumbersSizesTypesAndGroups_areThoseOfGdbs32bitCoreXml() {
        GdbFeature core = target.features().get(0);
        assertEquals("org.gnu.gdb.i386.core", core.name());
        assertEquals(CORE_XML.length, core.registers().size());
        for (int i = 0; i < CORE_XML.length; i++) {
            GdbRegister r = core.registers().get(i);
            assertEquals(List.of(CORE_XML[i][0], Integer.parseInt(CORE_XML[i][1]), CORE_XML[i][2], i),
                    List.of(r.name(), r.bits(), r.type(), r.number()));
            assertEquals(CORE_XML[i][3], r.group(), r.name());
            assertEquals(i < 16, r.available(), r.name());
        }
    }

    @Test
    void controlFeature_cr0ToCr4_areNumberedOnFromTheX87Registers() {
        assertEquals(2, target.features().size());
        GdbFeature control = target.features().get(1);
        assertEquals("org.kexeclab.i386.control", control.name());
        List<GdbRegister> r = control.registers();
        assertEquals(List.of("cr0", "cr2", "cr3", "cr4"), r.stream().map(GdbRegister::name).toList());
        for (int i = 0; i < r.size(); i++) {
            assertEquals(32 + i, r.get(i).number(), r.get(i).name());
            assertEquals(32, r.get(i).bits(), r.get(i).name());
            assertEquals("system", r.get(i).group(), r.get(i).name());
        }
    }

    @Test
    void everyModelledRegister_readsAndWrites_theCpuRegisterOfItsName() {
        try (Cpu cpu = Engines.java().open(X86Arches.I386)) {
            List<GdbRegister> modelled = target.registers().stream().filter(GdbRegister::available).toList();
            assertEquals(20, modelled.size());
            for (GdbRegister r : modelled) {
                I386Register named = I386Register.valueOf(r.name().toUpperCase(Locale.ROOT));
                long value = named.bits() == 16 ? 0x10 + r.number() * 8 : 0x1000L * r.number() + 0x202;
                r.access().write(cpu, value);
                assertEquals(value, cpu.readRegister(named), r.name());
                cpu.writeRegister(named, value + 8);
                assertEquals(value + 8, r.access().read(cpu), r.name());
            }
        }
    }
}
