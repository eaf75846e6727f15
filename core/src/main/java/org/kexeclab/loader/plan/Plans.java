package org.kexeclab.loader.plan;

import java.util.List;
import java.util.Map;
import org.kexeclab.Arch;
import org.kexeclab.asm.Stub;
import org.kexeclab.image.ImageType;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.MemoryLayout;

/** Assembles a {@link LoadPlan} from planned segments (for the formats' planners). */
public final class Plans {
    private Plans() {
    }

    /**
     * The plan of an image for {@code arch} in {@code layout} entering at {@code entry}, with
     * {@code segs} in order, the name of the kernel's format and the boot registers.
     */
    public static LoadPlan build(Arch arch, MemoryLayout layout, long entry, List<PlannedSegment> segs,
                                 String kernelFormat, Map<String, Long> regs) {
        KexecImage.Builder b = KexecImage.builder(arch).layout(layout).entry(entry);
        segs.forEach(s -> b.segment(s.segment()));
        return new LoadPlan(b.build(), segs, kernelFormat, regs);
    }

    /**
     * The plan of a crash image ({@code kexec -p}: {@link ImageType#CRASH}) for {@code arch} in
     * {@code layout}, whose segments all lie in the layout's crash kernel reservation.
     */
    public static LoadPlan buildCrash(Arch arch, MemoryLayout layout, long entry, List<PlannedSegment> segs,
                                      String kernelFormat, Map<String, Long> regs) {
        KexecImage.Builder b = KexecImage.builder(arch).type(ImageType.CRASH).layout(layout).entry(entry);
        segs.forEach(s -> b.segment(s.segment()));
        return new LoadPlan(b.build(), segs, kernelFormat, regs);
    }

    /**
     * {@code plan} with {@code segs} (its own plus the purgatory's), the image entering at
     * {@code entry} and {@code purgatory} the assembled purgatory.
     */
    static LoadPlan withPurgatory(LoadPlan plan, List<PlannedSegment> segs, long entry, Map<String, Long> regs,
                                  Stub purgatory) {
        KexecImage old = plan.image();
        KexecImage.Builder b = KexecImage.builder(old.arch()).type(old.type()).layout(old.layout()).entry(entry);
        segs.forEach(s -> b.segment(s.segment()));
        return new LoadPlan(b.build(), segs, plan.kernelFormat(), regs, plan.kernelEntry(), plan.hole(), purgatory);
    }
}
