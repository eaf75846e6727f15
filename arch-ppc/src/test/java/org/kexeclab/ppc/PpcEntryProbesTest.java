package org.kexeclab.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.converter.ConvertWith;
import org.junit.jupiter.params.provider.CsvSource;
import org.kexeclab.Arch;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.kexec.EntryProbe;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.testkit.ArchArgument;
import org.kexeclab.testkit.Engines;
import org.kexeclab.testkit.GoldenFile;

/**
 * The PowerPC entry probes: they match GNU as in every byte order, keep their record layout,
 * and (ppc32, on Unicorn) pass on the protocol's registers and flag each broken rule.
 */
class PpcEntryProbesTest {
    private static final long ENTRY = 0x1000000;
    private static final long RECORD = StandardMachine.PROBE_RECORD;

    private static String gnuAsHex(String name) {
        return HexFormat.of().formatHex(GoldenFile.hexBytes("/golden/ppc/" + name));
    }

    @ParameterizedTest
    @CsvSource({"PPC32, entry_probe_ppc32.gnu-as.hex", "PPC64, entry_probe_ppc64.gnu-as.hex",
        "PPC64LE, entry_probe_ppc64le.gnu-as.hex"})
    void probe_assembledAtEntry_matchesGnuAsBytes(@ConvertWith(ArchArgument.class) Arch arch, String golden) throws IOException {
        EntryProbe probe = PpcEntryProbes.probe(arch, ENTRY, RECORD);
        assertEquals(gnuAsHex(golden), HexFormat.of().formatHex(probe.code()));
    }

    @ParameterizedTest
    @CsvSource({"PPC32, 6", "PPC64, 8", "PPC64LE, 8"})
    void probe_layout_doneIsLastInstructionAndRecordFitsItsPage(@ConvertWith(ArchArgument.class) Arch arch, int words) {
        EntryProbe probe = PpcEntryProbes.probe(arch, ENTRY, RECORD);
        assertEquals(ENTRY + probe.code().length - 4, probe.doneAddress(), "probe_done is the closing branch-to-self");
        assertEquals(words * arch.wordSize(), probe.recordSize(arch));
        assertEquals(probe.fields().size(), arch == PpcArches.PPC32 ? 4 : 6);
        Stub stub = PpcEntryProbes.assemble(arch, ENTRY, RECORD);
        assertEquals(ENTRY, stub.symbol("probe_entry"));
        assertEquals(RECORD, stub.symbol(PpcEntryProbes.RECORD_SYMBOL));
    }

    @Test
    void ppc32Probe_protocolRegisters_landsWithStatusZeroAndValues() {
        EntryProbe.Record rec = runPpc32Probe(0, ENTRY, Ppc32MachineKexec.ENTRY_MSR);
        assertTrue(rec.passed(), rec.toString());
        assertEquals(Map.of("r3", 0L, "r4", ENTRY, "msr", 0x1002L, "entry", ENTRY), rec.values());
    }

    @Test
    void ppc32Probe_everyRuleBroken_setsEveryStatusBit() {
        EntryProbe probe = PpcEntryProbes.probe(PpcArches.PPC32, ENTRY, RECORD);
        // MSR with EE on: interrupts enabled breaks the rule; IR/DR would make the engine translate and fault first
        EntryProbe.Record rec = runPpc32Probe(1, ENTRY + 0x1000, 0x9002);
        assertTrue(rec.landed());
        assertFalse(rec.passed());
        assertEquals(0b111, rec.status());
        assertEquals(List.of("r3 is not processor id 0", "r4 is not the entry point", "msr is not 0x1002 (ME|RI)"),
                probe.failedChecks(rec.status()));
        assertEquals(0x9002L, rec.values().get("msr"));
    }

    @Test
    void ppc32Probe_onlyR4Wrong_setsOnlyItsBit() {
        EntryProbe.Record rec = runPpc32Probe(0, ENTRY - 4, Ppc32MachineKexec.ENTRY_MSR);
        assertEquals(0b010, rec.status());
    }

    private static EntryProbe.Record runPpc32Probe(long r3, long r4, long msr) {
        CpuEngine engine = Engines.unicorn();
        Engines.assumeRuns(engine, PpcArches.PPC32);
        EntryProbe probe = PpcEntryProbes.probe(PpcArches.PPC32, ENTRY, RECORD);
        try (Cpu cpu = engine.open(PpcArches.PPC32)) {
            cpu.map(0, StandardMachine.MACHINE_AREA_SIZE, Perm.ALL);
            cpu.map(ENTRY, 0x1000, Perm.ALL);
            cpu.write(ENTRY, probe.code());
            cpu.writeRegister(PpcRegister.MSR, msr);
            cpu.writeRegister(PpcRegister.R3, r3);
            cpu.writeRegister(PpcRegister.R4, r4);
            RunResult run = cpu.run(ENTRY, probe.doneAddress(), RunLimits.budget(1000));
            assertTrue(run.reachedUntil(), run.toString());
            return probe.read(cpu, PpcArches.PPC32);
        }
    }
}
