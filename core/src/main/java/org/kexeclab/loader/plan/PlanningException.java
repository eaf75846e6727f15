package org.kexeclab.loader.plan;

/**
 * A load that cannot be planned on the machine: a kernel, initrd or boot-data buffer that
 * does not fit anywhere in RAM under its alignment and address limits, or a combination of
 * architecture and format kexec-lab does not load. One sentence naming the buffer and sizes.
 */
public final class PlanningException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message one sentence naming the buffer, its size and the limits that failed */
    public PlanningException(String message) {
        super(message);
    }
}
