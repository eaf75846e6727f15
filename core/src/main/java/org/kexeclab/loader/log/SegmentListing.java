package org.kexeclab.loader.log;

import java.util.List;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.Segment;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.PlannedSegment;

/**
 * Prints an image's segments in the shape of {@code kexec -d} output (kexec-tools'
 * {@code kexec_load: entry = ...} line, then {@code print_segments()}), so a plan can be
 * compared with kexec-tools line by line and fed back to {@link KexecLogParser}. The
 * {@code buf} lines show the segment's index in the image instead of a user-space pointer,
 * and an optional {@code # label} comment names what each segment holds.
 */
public final class SegmentListing {
    private SegmentListing() {
    }

    /** The listing of {@code plan}, with a label comment before each segment. */
    public static String format(LoadPlan plan) {
        return format(plan.image(), plan.segments().stream().map(PlannedSegment::label).toList());
    }

    /** The listing of {@code image}; {@code labels} may be empty or name every segment. */
    public static String format(KexecImage image, List<String> labels) {
        StringBuilder out = new StringBuilder();
        List<Segment> segs = image.segments();
        out.append(String.format("kexec_load: entry = 0x%x flags = 0x%x%n", image.entry(),
                KexecLog.archFlags(image.arch()) | image.type().kernelValue()));
        out.append(String.format("nr_segments = %d%n", segs.size()));
        for (int i = 0; i < segs.size(); i++) {
            Segment s = segs.get(i);
            if (i < labels.size()) {
                out.append(String.format("# %s%n", labels.get(i)));
            }
            out.append(String.format("segment[%d].buf   = 0x%x%n", i, i));
            out.append(String.format("segment[%d].bufsz = 0x%x%n", i, s.bufsz()));
            out.append(String.format("segment[%d].mem   = 0x%x%n", i, s.mem()));
            out.append(String.format("segment[%d].memsz = 0x%x%n", i, s.memsz()));
        }
        return out.toString();
    }
}
