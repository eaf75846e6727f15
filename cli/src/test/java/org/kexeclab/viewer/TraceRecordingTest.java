package org.kexeclab.viewer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.engine.CpuEngines;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.Segment;
import org.kexeclab.kexec.EntryProbe;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.kexec.load.KexecLoad;
import org.kexeclab.testkit.TestImages;
import org.kexeclab.trace.TraceLeg;
import org.kexeclab.trace.TraceRegisters;
import org.kexeclab.trace.Tracer;

/**
 * What the viewer records is exact: replayed from the log alone (as the page does), every
 * destination page holds the bytes the oracle expects and the followed registers end where the
 * CPU ended, with every step kept and with loops folded (a folded loop is one step that still
 * carries everything the loop did).
 */
class TraceRecordingTest {

    @ParameterizedTest(name = "{0} on {1}, folded {2}")
    @CsvSource({"x86_64, unicorn, false", "x86_64, unicorn, true", "x86_64, java, false", "arm64, unicorn, true",
        "arm, java, false", "arm, unicorn, true", "ppc32, unicorn, true", "ppc64, java, false", "ppc64le, java, true"})
    void recording_replayedFromTheLog_endsWithTheOraclesBytesAndTheCpusRegisters(String name, String engine,
            boolean fold) throws Exception {
        Arch arch = Arches.byName(name);
        MachineKexec machine = Arches.support(arch).machineKexec();
        KexecImage image = TestImages.image(machine, TestImages.spread(2, 3));
        LoadedImage loaded = KexecLoad.load(machine, image, LoadOptions.defaults().withControlPages(machine.controlPages()),
                KexecOptions.defaults());
        try (KexecRun run = KexecRun.prepare(machine, loaded, KexecOptions.defaults(), CpuEngines.byName(engine))) {
            List<Program> programs = new ArrayList<>();
            programs.add(new Program(Program.STUB, run.launch().stub()));
            EntryProbe probe = machine.entryProbe(image.entry(), StandardMachine.PROBE_RECORD);
            programs.add(new Program(Program.PROBE, probe.program()));
            TraceRecording rec = TraceRecording.attach(run, programs, -1, 0, fold);
            KexecOutcome o = run.execute();
            rec.finish();
            rec.close();
            assertTrue(o.verified(), o.failure());

            StepLogReplay replay = new StepLogReplay(rec.log(), rec.snapshot(), rec.roles().pageSize(),
                    rec.initialRegisters());
            TraceRegisters regs = TraceRegisters.of(Arches.support(arch).registers());
            for (int i = 0; i < regs.size(); i++) {
                assertEquals(run.cpu().readRegister(regs.register(i)), replay.registers[i], regs.name(i) + " at the end");
            }
            int ps = image.pageSize();
            for (Segment seg : image.segments()) {
                for (long a = seg.mem(); a < seg.mem() + seg.memsz(); a += ps) {
                    byte[] want = new byte[ps];
                    loaded.oracle().expectedBytes(a, want, 0, ps);
                    assertArrayEquals(want, replay.page(a / ps), String.format("destination page 0x%x", a));
                }
            }
            if (fold) {
                assertTrue(rec.log().foldCount() > 0, "loops were folded");
                assertTrue(rec.steps() < rec.instructions(), "a folded loop is one step for many instructions");
            } else {
                assertEquals(0, rec.log().foldCount());
                assertEquals(rec.steps(), rec.instructions());
            }
        }
    }

    @ParameterizedTest(name = "{0}, folded {1}")
    @CsvSource({"x86_64, false", "arm64, true"})
    void legs_secondProgramRunAsALeg_startsAtItsFirstRecordedStep(String name, boolean fold) throws Exception {
        Arch arch = Arches.byName(name);
        MachineKexec machine = Arches.support(arch).machineKexec();
        KexecImage image = TestImages.image(machine, TestImages.spread(2, 3));
        LoadedImage loaded = KexecLoad.load(machine, image, LoadOptions.defaults().withControlPages(machine.controlPages()),
                KexecOptions.defaults());
        try (KexecRun run = KexecRun.prepare(machine, loaded, KexecOptions.defaults(), CpuEngines.byName("unicorn"))) {
            EntryProbe probe = machine.entryProbe(image.entry(), StandardMachine.PROBE_RECORD);
            List<Program> programs = List.of(new Program(Program.STUB, run.launch().stub()),
                    new Program(Program.PROBE, probe.program()));
            List<TraceLeg> legs = List.of(Tracer.stubLeg(run.launch().stub(), image.entry()),
                    new TraceLeg("probe", probe.program(), image.entry(), "the probe's record"));
            TraceRecording rec = TraceRecording.attach(run, programs, legs, -1, 0, fold);
            assertTrue(run.execute().verified());
            rec.finish();
            rec.close();

            int[] rows = StepLogReplay.rows(rec.log());
            int stubRows = run.launch().stub().listing().size();
            int first = 0;
            while (first < rows.length && rows[first] < stubRows) {
                first++;
            }
            assertTrue(first > 0 && first < rows.length, "the run went from the stub into the probe");
            assertEquals(0, rec.legStart(0), "the stub's leg starts at the first step");
            assertEquals(first, rec.legStart(1), "the probe's leg starts at the first step in its listing");
        }
    }
}
