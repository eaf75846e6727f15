package org.kexeclab.viewer;

/**
 * What a viewer page says about its run in words, beside the recorded data.
 *
 * @param title   the page title, e.g. {@code kexec-lab trace: x86_64, demo image}
 * @param image   the image, e.g. {@code the demo image (3 segments)} or a kernel file's name
 * @param outcome one sentence on how the run ended
 * @param command the command line that made the page, to make it again
 */
public record RunDescription(String title, String image, String outcome, String command) {
}
