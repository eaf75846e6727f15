package org.kexeclab.loader;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kexeclab.Arch;

/** Core alone carries no purgatory: the lookup says which module to add. */
class PurgatoriesTest {

    @Test
    void forArch_noArchModuleOnClassPath_refusedWithAdvice() {
        PlanningException e = assertThrows(PlanningException.class, () -> Purgatories.forArch(Arch.ARM64));
        assertTrue(e.getMessage().contains("no purgatory for arm64") && e.getMessage().contains("arch-arm"),
                e.getMessage());
    }

    @Test
    void withPurgatory_noArchModuleOnClassPath_refused() throws Exception {
        LoadPlan plan = KernelLoader.plan(Arch.ARM64, LoadRequest.of(SyntheticKernels.arm64Image()));
        assertThrows(PlanningException.class, plan::withPurgatory);
    }
}
