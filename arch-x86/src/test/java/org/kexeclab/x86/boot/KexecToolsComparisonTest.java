package org.kexeclab.x86.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.loader.KernelLoader;
import org.kexeclab.loader.log.KexecLog;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.testkit.LogReplays;
import org.kexeclab.testkit.PlanComparison;
import org.kexeclab.testkit.SyntheticKernels;
import org.kexeclab.x86.X86Arches;

/**
 * The bzImage planner against a real kexec-tools 2.0.25 run (resource
 * {@code kexec-logs/x86_64-debian-6.1-real.log}): a synthetic bzImage with the Debian 6.1
 * kernel's header values (setup_sects 39, init_size 0x3378000, kernel_alignment 2 MiB,
 * xloadflags 0x7f, a 0xd797c0-byte payload) on that machine's RAM map must land all five
 * segments (RNG seed setup_data, kernel, initrd, setup, and the purgatory's footprint)
 * exactly where kexec-tools did, with the same memsz and, the purgatory aside (kexec-lab runs
 * its own), the same bufsz.
 */
class KexecToolsComparisonTest {

    @Test
    void plan_debian61BzImageOnTheLoggedMachine_matchesKexecToolsSegments() throws Exception {
        byte[] kernel = SyntheticKernels.bzImage(39, 0xd797c0, 0x3378000);
        kernel[0x236] = 0x7f;
        MemoryLayout layout = MemoryLayout.builder()
                .ram(0x100000, 0xbff00000L)
                .ram(0x100000000L, 0x540000000L)
                .build();
        LoadRequest req = LoadRequest.of(kernel).withInitrd(new byte[36000]).withCmdline("console=ttyS0 quiet");
        LoadPlan plan = KernelLoader.withPurgatory(KernelLoader.plan(X86Arches.X86_64, req, layout));
        KexecLog log = LogReplays.resource("x86_64-debian-6.1-real.log");
        assertEquals(5, log.segments().size());
        PlanComparison.assertSame("the logged Debian 6.1 machine", log, plan);
    }
}
