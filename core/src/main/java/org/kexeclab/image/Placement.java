package org.kexeclab.image;

/** How the modelled page allocator hands out free pages. */
public enum Placement {
    /** Pseudo-random pages all over RAM (seeded), so the list walk jumps around. */
    SCATTER,
    /** The lowest free page first, so list, control and source pages pack together. */
    COMPACT
}
