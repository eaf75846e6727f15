package org.kexeclab.loader;

import java.util.List;
import java.util.Map;
import org.kexeclab.image.KexecImage;

/**
 * A planned load: the {@link KexecImage} for kexec_load, its segments with what each holds,
 * the kernel that was parsed, and the registers the kernel's boot protocol wants at its
 * entry (x86_64 {@code rsi} = boot params; arm64 {@code x0} = DTB; arm {@code r2} = DTB;
 * powerpc {@code r3} = DTB), which a purgatory must set before jumping to the entry.
 *
 * @param image         the image (entry = the kernel's entry point)
 * @param segments      the segments in the image's order, labelled
 * @param kernel        the parsed kernel
 * @param bootRegisters register name (lower case, e.g. "rsi", "x0", "r3") to value, in order
 */
public record LoadPlan(KexecImage image, List<PlannedSegment> segments, KernelImage kernel,
                       Map<String, Long> bootRegisters) {

    /** Copies the collections. */
    public LoadPlan {
        segments = List.copyOf(segments);
        bootRegisters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bootRegisters));
    }

    /** The segment labelled {@code label}. */
    public PlannedSegment segment(String label) {
        return segments.stream().filter(s -> s.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no segment labelled '" + label + "' in " + segments));
    }
}
