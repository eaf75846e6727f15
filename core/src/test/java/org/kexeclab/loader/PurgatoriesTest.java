package org.kexeclab.loader;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kexeclab.TestArches;
import org.kexeclab.image.Segment;
import org.kexeclab.image.SegmentData;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.PlannedSegment;
import org.kexeclab.loader.plan.PlanningException;
import org.kexeclab.loader.plan.Plans;

/** Core alone carries no purgatory: the lookup says which module to add. */
class PurgatoriesTest {

    @Test
    void forArch_noArchModuleOnClassPath_refusedWithAdvice() {
        PlanningException e = assertThrows(PlanningException.class, () -> KernelLoader.purgatory(TestArches.ARM64));
        assertTrue(e.getMessage().contains("no purgatory for arm64") && e.getMessage().contains("architecture's module"),
                e.getMessage());
    }

    @Test
    void withPurgatory_noArchModuleOnClassPath_refused() {
        PlannedSegment kernel = new PlannedSegment("kernel", new Segment(SegmentData.of(new byte[4096]), 0x200000, 0x1000));
        LoadPlan plan = Plans.build(TestArches.ARM64, StandardMachine.layout(StandardMachine.DEFAULT_RAM).build(), 0x200000,
                List.of(kernel), "test kernel", Map.of());
        assertThrows(PlanningException.class, () -> KernelLoader.withPurgatory(plan));
    }
}
