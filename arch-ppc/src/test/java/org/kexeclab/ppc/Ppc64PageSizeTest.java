package org.kexeclab.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kexeclab.Arch;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.image.Segment;
import org.kexeclab.image.SegmentData;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.loader.KernelLoader;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.PlannedSegment;
import org.kexeclab.loader.plan.Plans;
import org.kexeclab.loader.plan.Purgatories;

/**
 * 64 KiB pages, as a kernel built with them (Debian's ppc64el) has them: the 64-bit sequence
 * walks a list of the image's page size (every IND_SOURCE entry one 64 KiB page), and the
 * purgatory's segment is whole pages of that size, as kexec-tools rounds every segment.
 */
class Ppc64PageSizeTest {
    private static final int PAGE_64K = 0x10000;

    @ParameterizedTest
    @MethodSource("org.kexeclab.ppc.PpcFixtures#sixtyFourBit")
    void run_sixtyFourKiBPageList_everyDestinationByteAndPageCopied(Arch arch) throws Exception {
        Ppc64MachineKexec m = arch.equals(PpcArches.PPC64) ? new Ppc64MachineKexec() : new Ppc64LeMachineKexec();
        MemoryLayout layout = StandardMachine.layout(64L << 20).pageSize(PAGE_64K).build();
        long entry = 0x1000000;
        byte[] probe = m.entryProbe(entry, StandardMachine.PROBE_RECORD).code();
        byte[] kernel = new byte[3 * PAGE_64K - 100];
        SegmentData.generated(kernel.length, 7).read(0, kernel, 0, kernel.length);
        System.arraycopy(probe, 0, kernel, 0, probe.length);
        KexecImage image = KexecImage.builder(arch).layout(layout).entry(entry)
                .segment(SegmentData.of(kernel), entry, 3 * PAGE_64K)
                .segment(SegmentData.generated(PAGE_64K + 5, 8), 0x1800000, 2 * PAGE_64K).build();
        LoadedImage loaded = LoadedImage.load(image, LoadOptions.defaults().withControlPages(m.controlPages()));
        try (KexecRun run = KexecRun.prepare(m, loaded, KexecOptions.defaults(), InterpEngine.instance())) {
            KexecOutcome o = run.execute();
            assertTrue(o.verified(), () -> o.failures().toString());
            assertEquals(5, o.pagesToCopy());
            assertEquals(5, o.pagesCopied());
        }
    }

    @Test
    void withPurgatory_sixtyFourKiBLayout_segmentIsWholePagesAndLoads() throws Exception {
        MemoryLayout layout = StandardMachine.layout(64L << 20).pageSize(PAGE_64K).build();
        PlannedSegment kernel = new PlannedSegment("kernel", new Segment(SegmentData.generated(PAGE_64K, 3),
                0x1000000, PAGE_64K));
        LoadPlan plan = KernelLoader.withPurgatory(Plans.build(PpcArches.PPC64LE, layout, 0x1000000, List.of(kernel),
                "test kernel", Map.of("r3", 0L)));
        assertEquals(PAGE_64K, plan.segment(Purgatories.LABEL).segment().memsz());
        assertEquals(2, LoadedImage.load(plan.image()).image().segments().size());
    }
}
