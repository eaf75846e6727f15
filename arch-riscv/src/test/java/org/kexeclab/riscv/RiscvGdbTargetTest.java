package org.kexeclab.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.kexeclab.arch.GdbFeature;
import org.kexeclab.arch.GdbRegister;
import org.kexeclab.arch.GdbTarget;
import org.kexeclab.engine.Cpu;
import org.kexeclab.riscv.support.Riscv64Support;
import org.kexeclab.testkit.Engines;

/**
 * riscv64's target description against GDB's feature files: the cpu feature's names, numbers and
 * types as 64bit-cpu.xml has them, the CSRs by names GDB's csr feature and GNU as share, and every
 * register read from and written to the CPU register it names.
 */
class RiscvGdbTargetTest {
    /** GDB's 64bit-cpu.xml, in order: name and type; the numbers are 0..32. */
    private static final String[][] CPU_XML = {{"zero", "int"}, {"ra", "code_ptr"}, {"sp", "data_ptr"},
        {"gp", "data_ptr"}, {"tp", "data_ptr"}, {"t0", "int"}, {"t1", "int"}, {"t2", "int"}, {"fp", "data_ptr"},
        {"s1", "int"}, {"a0", "int"}, {"a1", "int"}, {"a2", "int"}, {"a3", "int"}, {"a4", "int"}, {"a5", "int"},
        {"a6", "int"}, {"a7", "int"}, {"s2", "int"}, {"s3", "int"}, {"s4", "int"}, {"s5", "int"}, {"s6", "int"},
        {"s7", "int"}, {"s8", "int"}, {"s9", "int"}, {"s10", "int"}, {"s11", "int"}, {"t3", "int"}, {"t4", "int"},
        {"t5", "int"}, {"t6", "int"}, {"pc", "code_ptr"}};

    private final GdbTarget target = new Riscv64Support().gdbTarget().orElseThrow();

    @Test
    void riscv64Support_offersGdbTarget_asRv64WithSoftFloatNonCompressedElfFlags() {
        assertEquals("riscv:rv64", target.architecture());
        assertEquals(0, target.elfFlags());
        assertTrue(target.codeMappingSymbol().isEmpty());
        assertTrue(target.watchpointStopsBeforeAccess());
    }

    @Test
    void cpuFeature_namesNumbersAndTypes_areThoseOfGdbs64bitCpuXml() {
        GdbFeature cpu = target.features().get(0);
        assertEquals("org.gnu.gdb.riscv.cpu", cpu.name());
        assertEquals(CPU_XML.length, cpu.registers().size());
        for (int i = 0; i < CPU_XML.length; i++) {
            GdbRegister r = cpu.registers().get(i);
            assertEquals(List.of(CPU_XML[i][0], CPU_XML[i][1], i, 64), List.of(r.name(), r.type(), r.number(), r.bits()));
        }
    }

    @Test
    void csrFeature_everyRegister_isACsrByItsAssemblerNameNumberedOnFromThePc() {
        GdbFeature csr = target.features().get(1);
        assertEquals("org.gnu.gdb.riscv.csr", csr.name());
        assertEquals(2, target.features().size());
        int number = 33;
        for (GdbRegister r : csr.registers()) {
            assertTrue(RiscvCsr.byName(r.name()).isPresent(), r.name());
            assertEquals(number++, r.number(), r.name());
            assertEquals(64, r.bits(), r.name());
        }
    }

    @Test
    void everyRegister_readsAndWrites_theCpuRegisterOfItsName() {
        try (Cpu cpu = Engines.java().open(RiscvArches.RISCV64)) {
            List<GdbRegister> all = target.registers();
            for (int i = 1; i < 33; i++) {
                all.get(i).access().write(cpu, 0x1000L * i + 8);
            }
            for (int i = 1; i < 32; i++) {
                assertEquals(0x1000L * i + 8, cpu.readRegister(RiscvRegister.x(i)), all.get(i).name());
            }
            assertEquals(0x1000L * 32 + 8, cpu.readRegister(RiscvRegister.PC));
            for (GdbRegister r : all.subList(33, all.size())) {
                RiscvRegister modelled = RiscvRegister.valueOf(r.name().toUpperCase(Locale.ROOT));
                cpu.writeRegister(modelled, 0x40L + r.number() * 4);
                assertEquals(cpu.readRegister(modelled), r.access().read(cpu), r.name());
            }
            assertEquals(0, all.get(0).access().read(cpu));
        }
    }
}
