package org.kexeclab.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.MemoryAccess;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.engine.interp.InterpEngine;

/**
 * The Java engine's x86-64 four-level paging: loads through 4 KiB, 2 MiB and 1 GiB pages reach
 * the physical bytes the tables name, a not-present page is a memory fault at the virtual address
 * (as every fault the engine reports) with CR2 set and RIP on the instruction, a CR3 write flushes the TLB (and nothing else does), accessed and dirty bits are
 * set as QEMU sets them, CR0.WP makes a write to a read-only page a protection fault, and with CR0.PG clear
 * addresses are physical.
 *
 * <p>Tables: PML4 0x1000; PDPT 0x2000 with [0] the PD 0x3000 (a 2 MiB identity page at 0 for
 * the code), [1] the PD 0x4000 ([0] the PT 0x5000, whose [0] maps 0x40000000 to 0x9000; [1] a
 * 2 MiB page at 0x200000) and [2] a 1 GiB page at 0.
 */
class X86JavaEnginePagingTest {
    private static final long CODE = 0x8000;
    private static final long PT = 0x5000;
    private static final long SMALL = 0x4000_0000L;
    private static final long LARGE = 0x4020_0000L;
    private static final long HUGE = 0x8000_0000L;
    private static final long CR0_PAGED = 0x8005_0033L;

    private Cpu cpu;

    @BeforeEach
    void open() {
        cpu = InterpEngine.instance().open(X86Arches.X86_64);
        cpu.map(0, 4 << 20, Perm.ALL);
        put(0x1000, 0x2000 | 0x63);
        put(0x2000, 0x3000 | 0x63);
        put(0x3000, 0xe3);
        put(0x2008, 0x4000 | 0x63);
        put(0x4000, PT | 0x63);
        put(PT, 0x9000 | 0x63);
        put(0x4008, 0x20_0000 | 0xe3);
        put(0x2010, 0xe3);
        put(0x9010, 0x1111_2222_3333_4444L);
        put(0xa010, 0x5555_6666_7777_8888L);
        put(0x20_0008, 0x0123_4567_89ab_cdefL);
        cpu.writeRegister(X86Register.CR3, 0x1000);
        cpu.writeRegister(X86Register.CR4, 0x20);
        cpu.writeRegister(X86Register.CR0, CR0_PAGED);
    }

    @AfterEach
    void close() {
        cpu.close();
    }

    @Test
    void load_fourKibPage_readsTheMappedPhysicalBytes() throws Exception {
        assertEquals(0x1111_2222_3333_4444L, load(SMALL + 0x10));
    }

    @Test
    void load_twoMibPage_readsTheMappedPhysicalBytes() throws Exception {
        assertEquals(0x0123_4567_89ab_cdefL, load(LARGE + 8));
    }

    @Test
    void load_oneGibPage_readsTheMappedPhysicalBytes() throws Exception {
        assertEquals(0x1111_2222_3333_4444L, load(HUGE + 0x9010));
    }

    @Test
    void load_pagingOff_addressIsPhysical() throws Exception {
        cpu.writeRegister(X86Register.CR0, 0x5_0033L);
        assertEquals(0x1111_2222_3333_4444L, load(0x9010));
    }

    @Test
    void load_notPresentPage_memoryFaultAtTheVirtualAddressWithCr2AndRipOnTheInstruction() throws Exception {
        cpu.writeRegister(X86Register.RAX, 7);
        RunResult r = run("mov rax, [rbx]", SMALL + 0x1008);
        assertEquals(StopReason.MEMORY_FAULT, r.reason(), r.message());
        assertEquals(SMALL + 0x1008, r.faultAddress());
        assertEquals(MemoryAccess.READ, r.access());
        assertEquals(CODE, r.pc());
        assertEquals(SMALL + 0x1008, cpu.readRegister(X86Register.CR2));
        assertEquals(CODE, cpu.readRegister(X86Register.RIP));
        assertEquals(7, cpu.readRegister(X86Register.RAX));
    }

    @Test
    void fetch_notPresentPage_memoryFaultOfTheFetch() {
        RunResult r = cpu.run(SMALL + 0x2000, SMALL + 0x2001, RunLimits.budget(10));
        assertEquals(StopReason.MEMORY_FAULT, r.reason(), r.message());
        assertEquals(MemoryAccess.FETCH, r.access());
        assertEquals(SMALL + 0x2000, r.faultAddress());
        assertEquals(SMALL + 0x2000, cpu.readRegister(X86Register.CR2));
    }

    @Test
    void cr3Write_afterTheEntryChanged_flushesTheStaleTranslation() throws Exception {
        // rsi reads through the cached entry after the PTE is rewritten; r8 after the CR3 reload reads the new page.
        cpu.writeRegister(X86Register.RDX, PT);
        cpu.writeRegister(X86Register.RCX, 0xa000 | 0x63);
        cpu.writeRegister(X86Register.RDI, 0x1000);
        RunResult r = run("mov rax, [rbx]\nmov [rdx], rcx\nmov rsi, [rbx]\nmov cr3, rdi\nmov r8, [rbx]", SMALL + 0x10);
        assertTrue(r.reachedUntil(), r.message());
        assertEquals(0x1111_2222_3333_4444L, cpu.readRegister(X86Register.RSI));
        assertEquals(0x5555_6666_7777_8888L, cpu.readRegister(X86Register.R8));
    }

    @Test
    void walk_loadThenStore_setsAccessedThenDirtyInTheEntries() throws Exception {
        put(0x2008, 0x4000 | 0x3);
        put(PT, 0x9000 | 0x3);
        load(SMALL + 0x10);
        assertEquals(0x9000 | 0x23, get(PT), "a load sets the accessed bit only");
        assertEquals(0x4000 | 0x23, get(0x2008), "a table entry on the way gets the accessed bit");
        cpu.writeRegister(X86Register.RCX, 1);
        assertTrue(run("mov [rbx], rcx", SMALL + 0x10).reachedUntil());
        assertEquals(0x9000 | 0x63, get(PT), "a store sets the dirty bit");
    }

    @Test
    void store_readOnlyPageWithWriteProtect_protectionFault() throws Exception {
        put(PT, 0x9000 | 0x61);
        RunResult r = run("mov [rbx], rcx", SMALL + 0x10);
        assertEquals(StopReason.MEMORY_FAULT, r.reason(), r.message());
        assertEquals(MemoryAccess.WRITE, r.access());
        assertTrue(r.message().contains("write prot"), r.message());
        cpu.writeRegister(X86Register.CR0, CR0_PAGED & ~(1L << 16));
        cpu.writeRegister(X86Register.RCX, 0x42);
        assertTrue(run("mov [rbx], rcx", SMALL + 0x10).reachedUntil(), "without CR0.WP the supervisor may write");
        assertEquals(0x42, get(0x9010));
    }

    private long load(long address) throws Exception {
        RunResult r = run("mov rax, [rbx]", address);
        assertTrue(r.reachedUntil(), r.message());
        return cpu.readRegister(X86Register.RAX);
    }

    private RunResult run(String source, long rbx) throws Exception {
        byte[] code = X86Assembly.ASSEMBLER.assemble("t.S", source, CODE, Map.of()).bytes();
        cpu.write(CODE, code);
        cpu.writeRegister(X86Register.RBX, rbx);
        return cpu.run(CODE, CODE + code.length, RunLimits.budget(100));
    }

    private void put(long at, long value) {
        cpu.write(at, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
    }

    private long get(long at) {
        return ByteBuffer.wrap(cpu.read(at, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
