package org.kexeclab.x86;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.kexec.EntryProbe;
import org.kexeclab.testkit.Engines;
import org.kexeclab.testkit.GoldenFile;

class X86EntryProbeTest {
    private static final long ENTRY = 0x100000L;
    private static final long RECORD = 0x10000L;
    private static final long STACK = 0x80000L;

    @Test
    void assemble_recordAt0x10000_matchesGnuAsByteForByte() throws Exception {
        assertArrayEquals(GoldenFile.bytes("/golden/x86_64/entry_probe_x86_64.bin"), X86EntryProbe.assembleStub(0, RECORD).bytes());
    }

    @Test
    void run_cleanEntryState_landsWithStatusZeroAndRecordsRsp() {
        EntryProbe.Record r = runProbe(X86Register.RAX, 0);
        assertTrue(r.passed(), r.toString());
        assertEquals(STACK, r.values().get("rsp"));
        assertEquals(0x2L, r.values().get("rflags"));
    }

    @Test
    void run_r13NonzeroAndInterruptsOn_setsThoseTwoBitsAndRecordsValues() {
        EntryProbe probe = X86EntryProbe.at(ENTRY, RECORD);
        EntryProbe.Record r = runProbe(X86Register.R13, 0xdead_beef_0000_0001L, 0x202L);
        assertTrue(r.landed());
        assertEquals(List.of("r13 is not 0", "rflags is not 0x2"), probe.failedChecks(r.status()));
        assertEquals(0xdead_beef_0000_0001L, r.values().get("r13"));
        assertEquals(0x202L, r.values().get("rflags"));
        assertEquals(0L, r.values().get("r12"));
    }

    @Test
    void run_eachRegisterNonzero_setsExactlyItsOwnBit() {
        X86Register[] order = {X86Register.RAX, X86Register.RBX, X86Register.RCX, X86Register.RDX, X86Register.RSI,
            X86Register.RDI, X86Register.RBP, X86Register.R8, X86Register.R9, X86Register.R10, X86Register.R11,
            X86Register.R12, X86Register.R13, X86Register.R14, X86Register.R15};
        for (int i = 0; i < order.length; i++) {
            EntryProbe.Record r = runProbe(order[i], 1L << 40);
            assertEquals(1L << i, r.status(), order[i].name());
        }
    }

    private static EntryProbe.Record runProbe(X86Register dirty, long value) {
        return runProbe(dirty, value, 0x2L);
    }

    private static EntryProbe.Record runProbe(X86Register dirty, long value, long rflags) {
        EntryProbe probe = X86EntryProbe.at(ENTRY, RECORD);
        try (Cpu cpu = Engines.unicorn().open(X86Arches.X86_64)) {
            cpu.map(0, 0x200000, Perm.ALL);
            cpu.write(ENTRY, probe.code());
            for (String name : X86EntryProbe.CHECKED_REGISTERS) {
                cpu.writeRegister(X86Register.valueOf(name.toUpperCase(java.util.Locale.ROOT)), 0);
            }
            cpu.writeRegister(dirty, value);
            cpu.writeRegister(X86Register.RFLAGS, rflags);
            cpu.writeRegister(X86Register.RSP, STACK);
            RunResult run = cpu.run(ENTRY, probe.doneAddress(), RunLimits.budget(10_000));
            assertTrue(run.reachedUntil(), run.toString());
            return probe.read(cpu, X86Arches.X86_64);
        }
    }
}
