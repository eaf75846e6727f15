package org.kexeclab.loader.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kexeclab.asm.Stub;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.KexecImage;

/**
 * A planned load: the {@link KexecImage} for kexec_load, its segments with what each holds,
 * the name of the kernel's format, and the registers the kernel's boot protocol wants at its
 * entry (the boot parameters' or the device tree's address, say), which a purgatory must set
 * before jumping to the entry.
 *
 * <p>{@link #withPurgatory(Purgatory)} adds the architecture's purgatory: its segment is
 * appended (label {@value Purgatories#LABEL}) and becomes the image's entry, while
 * {@link #kernelEntry()} stays the kernel's entry, where the purgatory jumps. A planner that
 * follows kexec-tools' order holds a {@linkplain #purgatoryHole() hole} where kexec-tools puts
 * its own purgatory, and the purgatory is then placed there.
 *
 * @param image         the image (entry = the kernel's entry point, or the purgatory's once added)
 * @param segments      the segments in the image's order, labelled
 * @param kernelFormat  the name of the kernel file's format ("bzImage", "ELF vmlinux", ...)
 * @param bootRegisters register name (lower case, e.g. "rsi", "x0", "r3") to value, in order
 * @param kernelEntry   the kernel's entry point
 * @param hole          where the planner held room for the purgatory, or null (then the highest hole below 4 GiB)
 * @param purgatory     the purgatory as assembled and patched in its segment, or null before one is added
 */
public record LoadPlan(KexecImage image, List<PlannedSegment> segments, String kernelFormat,
                       Map<String, Long> bootRegisters, long kernelEntry, AddressRange hole, Stub purgatory) {

    /** Copies the collections. */
    public LoadPlan {
        segments = List.copyOf(segments);
        bootRegisters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bootRegisters));
    }

    /** A plan without purgatory: the image's entry is the kernel's. */
    public LoadPlan(KexecImage image, List<PlannedSegment> segments, String kernelFormat,
                    Map<String, Long> bootRegisters) {
        this(image, segments, kernelFormat, bootRegisters, image.entry(), null, null);
    }

    /** A plan entering at {@code image.entry()} whose kernel enters at {@code kernelEntry}, no hole held, no purgatory. */
    public LoadPlan(KexecImage image, List<PlannedSegment> segments, String kernelFormat,
                    Map<String, Long> bootRegisters, long kernelEntry) {
        this(image, segments, kernelFormat, bootRegisters, kernelEntry, null, null);
    }

    /** The hole the planner held for the purgatory, where kexec-tools would put its own. */
    public Optional<AddressRange> purgatoryHole() {
        return Optional.ofNullable(hole);
    }

    /** The purgatory as assembled in its segment (its listing and labels), once one is added. */
    public Optional<Stub> purgatoryStub() {
        return Optional.ofNullable(purgatory);
    }

    /** This plan with {@code hole} held for the purgatory (a planner's last step). */
    public LoadPlan withPurgatoryHole(AddressRange hole) {
        return new LoadPlan(image, segments, kernelFormat, bootRegisters, kernelEntry, hole, purgatory);
    }

    /**
     * This plan with {@code purgatory} placed at the start of the {@linkplain #purgatoryHole()
     * hole held for it} (its segment then fills the hole), else in the highest free hole below
     * 4 GiB, assembled there with the kernel entry and boot registers in its slots, and made the
     * image's entry.
     *
     * @throws PlanningException if the plan has a purgatory already, the purgatory is for
     *                           another architecture, the kernel entry or a boot register value
     *                           is wider than the architecture's word, or no hole holds it
     */
    public LoadPlan withPurgatory(Purgatory purgatory) throws PlanningException {
        return Purgatories.add(this, purgatory);
    }

    /** True if a purgatory was added: the image's entry is then the purgatory's, not the kernel's. */
    public boolean hasPurgatory() {
        return segments.stream().anyMatch(s -> s.label().equals(Purgatories.LABEL));
    }

    /** The segment labelled {@code label}. */
    public PlannedSegment segment(String label) {
        return segments.stream().filter(s -> s.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no segment labelled '" + label + "' in " + segments));
    }
}
