package org.kexeclab.loader.plan;

import org.kexeclab.image.Segment;

/**
 * A segment of a planned load with what it holds ("kernel", "initrd", "dtb",
 * "boot params + command line", ...).
 *
 * @param label   what the segment holds
 * @param segment the segment handed to kexec_load
 */
public record PlannedSegment(String label, Segment segment) {
    @Override
    public String toString() {
        return label + " " + segment;
    }
}
