package org.kexeclab.viewer;

import java.util.List;

/**
 * What a viewer page says about its run in words, beside the recorded data.
 *
 * @param title   the page title, e.g. {@code kexec-lab trace: ARCH, the demo image}
 * @param image   the image, e.g. {@code the demo image (3 segments)} or a kernel file's name
 * @param outcome one sentence on how the run ended
 * @param command the command line that made the page, to make it again
 * @param labels  a name per segment in the image's order (kernel, initrd, purgatory...), or empty
 */
public record RunDescription(String title, String image, String outcome, String command, List<String> labels) {
    /** Copies the labels. */
    public RunDescription {
        labels = List.copyOf(labels);
    }
}
