package org.kexeclab.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kexeclab.Arch;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.image.SegmentData;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.StandardMachine;

/**
 * The 64-bit sequence walks a list of the image's page size, as a kernel built with 64 KiB
 * pages (Debian's ppc64el) builds it: every IND_SOURCE entry is one 64 KiB page.
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
}
