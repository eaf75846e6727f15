package org.kexeclab.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.loader.KernelLoader;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlannedSegment;

/** A 32-bit bzImage is an i386 kernel: entered at its load address with esi = the zero page, all below 4 GiB. */
class I386BzImagePlanTest {

    @Test
    void plan_32BitBzImage_entryIsLoadAddressWithEsi() throws Exception {
        LoadPlan plan = KernelLoader.plan(X86Arches.I386, LoadRequest.of(I386Kernels.bzImage()).withCmdline("quiet"));
        PlannedSegment kernel = plan.segment("kernel");
        PlannedSegment setup = plan.segment("boot params + command line");
        assertEquals(kernel.segment().mem(), plan.image().entry());
        assertEquals(setup.segment().mem(), plan.bootRegisters().get("esi"));
        assertEquals(plan.image().entry(), plan.bootRegisters().get("eip"));
        assertTrue(kernel.segment().mem() + kernel.segment().memsz() <= 1L << 32, "below 4 GiB");
    }

    @Test
    void plan_32BitBzImageOnOneGib_kernelEndsBelow896MibAsKexecToolsPlacesIt() throws Exception {
        LoadPlan plan = KernelLoader.plan(X86Arches.I386, LoadRequest.of(I386Kernels.bzImage()).withCmdline("quiet"),
                StandardMachine.layout(1L << 30).build());
        PlannedSegment kernel = plan.segment("kernel");
        long end = kernel.segment().mem() + kernel.segment().memsz();
        assertTrue(end <= 0x38000000L, () -> String.format("kernel ends at 0x%x, above DEFAULT_BZIMAGE_ADDR_MAX", end));
        assertTrue(end > 0x38000000L - 0x1000000L - kernel.segment().memsz(), "top-down below the cap");
    }

    @Test
    void plan_32BitBzImageAsX86_64_refusedNamingI386() {
        ImageFormatException e = assertThrows(ImageFormatException.class,
                () -> KernelLoader.plan(X86Arches.X86_64, LoadRequest.of(I386Kernels.bzImage())));
        assertTrue(e.getMessage().contains("i386"), e.getMessage());
    }
}
