package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kexeclab.arch.Arches;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.testkit.Engines;
import org.kexeclab.trace.TraceHeader;
import org.kexeclab.trace.TraceSink;
import org.kexeclab.trace.TraceStep;

/** {@code KexecRun.execute(TraceSink)}: a sink sees every instruction the counter counts. */
class KexecRunTraceTest {

    private static final class Counting implements TraceSink {
        int starts;
        long steps;
        long stores;
        int entries;
        String outcome;

        @Override
        public void start(TraceHeader header) {
            starts++;
        }

        @Override
        public void step(TraceStep s) {
            steps++;
            for (int a = 0; a < s.accessCount(); a++) {
                stores += s.isWrite(a) ? 1 : 0;
            }
            entries += s.listEntry() >= 0 ? 1 : 0;
        }

        @Override
        public void finish(String o) {
            outcome = o;
        }
    }

    @Test
    void executeWithSink_ppc32OnePage_oneStepPerCountedInstruction() throws Exception {
        MachineKexec machine = Arches.support(PpcArches.PPC32).machineKexec();
        ImageOptions options = new ImageOptions();
        options.image = "one-page";
        options.placement = org.kexeclab.image.Placement.SCATTER;
        LoadedImage loaded = DemoRunner.load(machine, options, "one-page");
        Counting sink = new Counting();
        try (KexecRun run = KexecRun.prepare(machine, loaded, KexecOptions.defaults(), Engines.unicorn())) {
            KexecOutcome o = run.execute(sink);
            assertTrue(o.verified(), o.failure());
            assertEquals(o.instructions(), sink.steps);
        }
        assertEquals(1, sink.starts);
        assertEquals("verified", sink.outcome);
        assertEquals(1024, sink.stores, "one page of word stores; the probe's stores are not the stub's");
        assertEquals(3, sink.entries, "DESTINATION, SOURCE, DONE");
    }
}
