package org.kexeclab.image;

/**
 * The Linux error numbers a kexec load can fail with, by name and by the number the
 * kernel's {@code kexec_load} returns (negated) on the architectures modelled here.
 */
public enum Errno {
    /** Out of memory: no page could be found for a control page, swap page or list page. */
    ENOMEM(12),
    /** The kexec lock is held (another load or an execution is in progress). */
    EBUSY(16),
    /** Invalid argument: overlapping segments, {@code bufsz > memsz}, too large, too many. */
    EINVAL(22),
    /** An address the image asks for cannot be used (alignment, limit, reservation, RAM). */
    EADDRNOTAVAIL(99);

    private final int number;

    Errno(int number) {
        this.number = number;
    }

    /** The positive errno value, e.g. 22 for {@link #EINVAL}. */
    public int number() {
        return number;
    }

    @Override
    public String toString() {
        return name() + " (" + number + ")";
    }
}
