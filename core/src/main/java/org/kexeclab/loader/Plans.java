package org.kexeclab.loader;

import java.util.List;
import java.util.Map;
import org.kexeclab.Arch;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.MemoryLayout;

/** Assembles a {@link LoadPlan} from planned segments. */
final class Plans {
    private Plans() {
    }

    static LoadPlan build(Arch arch, MemoryLayout layout, long entry, List<PlannedSegment> segs, KernelImage kernel,
                          Map<String, Long> regs) {
        KexecImage.Builder b = KexecImage.builder(arch).layout(layout).entry(entry);
        segs.forEach(s -> b.segment(s.segment()));
        return new LoadPlan(b.build(), segs, kernel, regs);
    }

    /** {@code plan} with {@code segs} (its own plus the purgatory's) and the image entering at {@code entry}. */
    static LoadPlan withPurgatory(LoadPlan plan, List<PlannedSegment> segs, long entry, Map<String, Long> regs) {
        KexecImage old = plan.image();
        KexecImage.Builder b = KexecImage.builder(old.arch()).type(old.type()).layout(old.layout()).entry(entry);
        segs.forEach(s -> b.segment(s.segment()));
        return new LoadPlan(b.build(), segs, plan.kernel(), regs, plan.kernelEntry());
    }
}
