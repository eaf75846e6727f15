package org.kexeclab.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.testkit.Engines;

/**
 * What paging means on each engine, measured: with CR3, CR4.PAE and CR0.PG preset and a table
 * that maps the virtual page 0x1ff000 onto the physical page 0x5000 (everything else identity),
 * Unicorn 2.0.1 walks the tables (a not-present page raises #PF) but loads the bytes at physical
 * 0x1ff000, the virtual address itself; the Java engine loads the bytes at 0x5000. So only the
 * Java engine says {@link Cpu#translatesAddresses()}, and the x86_64 kernel's code is entered at
 * its kernel-text address only there.
 */
class X86UnicornPagingTest {
    private static final long VIRTUAL = 0x1f_f000L;
    private static final long CODE = 0x8000;
    /** mov rax, [rbx] */
    private static final byte[] LOAD = {0x48, (byte) 0x8b, 0x03};

    @Test
    void load_unicornWithPagingOn_readsTheVirtualAddressAsPhysical() {
        CpuEngine engine = Engines.unicorn();
        Engines.assumeRuns(engine, X86Arches.X86_64);
        try (Cpu cpu = engine.open(X86Arches.X86_64)) {
            assertEquals(0x2222L, loadThroughRemappedPage(cpu), "the bytes at the virtual address");
            assertFalse(cpu.translatesAddresses());
            put(cpu, 0x4000 + 8 * 0x1fe, 0);
            cpu.writeRegister(X86Register.RBX, VIRTUAL - 0x1000);
            RunResult r = cpu.run(CODE, CODE + LOAD.length, RunLimits.budget(10));
            assertEquals(StopReason.CPU_EXCEPTION, r.reason(), r.message());
            assertEquals(14, r.exceptionNumber(), "a not-present page still faults");
        }
    }

    @Test
    void load_javaEngineWithPagingOn_readsThePhysicalPageTheTablesName() {
        try (Cpu cpu = InterpEngine.instance().open(X86Arches.X86_64)) {
            assertEquals(0x1111L, loadThroughRemappedPage(cpu), "the bytes at the physical page");
            assertTrue(cpu.translatesAddresses());
        }
    }

    /** Identity tables for 2 MiB with 4 KiB pages but 0x1ff000 onto 0x5000, paging on; loads [0x1ff000]. */
    private static long loadThroughRemappedPage(Cpu cpu) {
        cpu.map(0, 2 << 20, Perm.ALL);
        put(cpu, 0x1000, 0x2000 | 0x63);
        put(cpu, 0x2000, 0x3000 | 0x63);
        put(cpu, 0x3000, 0x4000 | 0x63);
        for (int i = 0; i < 512; i++) {
            put(cpu, 0x4000 + 8L * i, (long) i << 12 | 0x63);
        }
        put(cpu, 0x4000 + 8 * 0x1ff, 0x5000 | 0x63);
        put(cpu, 0x5000, 0x1111);
        put(cpu, VIRTUAL, 0x2222);
        cpu.write(CODE, LOAD);
        cpu.writeRegister(X86Register.CR3, 0x1000);
        cpu.writeRegister(X86Register.CR4, 0x20);
        cpu.writeRegister(X86Register.CR0, 0x8005_0033L);
        cpu.writeRegister(X86Register.RBX, VIRTUAL);
        RunResult r = cpu.run(CODE, CODE + LOAD.length, RunLimits.budget(10));
        assertTrue(r.reachedUntil(), r.message());
        return cpu.readRegister(X86Register.RAX);
    }

    private static void put(Cpu cpu, long at, long value) {
        cpu.write(at, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
    }
}
