package org.kexeclab.image;

import java.util.Objects;

/**
 * How a load places its pages: the allocator's seed and {@link Placement}, and how many
 * control pages the architecture needs ({@code KEXEC_CONTROL_PAGE_SIZE / PAGE_SIZE}; a
 * power of two, allocated as one naturally aligned block like the buddy allocator's
 * {@code get_order}). The same image and options always give the same placement.
 *
 * @param seed         seed of the scattering allocator (ignored by COMPACT)
 * @param placement    SCATTER or COMPACT
 * @param controlPages control pages the arch needs: 1, 2, 4, ...
 */
public record LoadOptions(long seed, Placement placement, int controlPages) {

    /** Validates the control page count and placement. */
    public LoadOptions {
        Objects.requireNonNull(placement, "placement");
        if (controlPages < 1 || Integer.bitCount(controlPages) != 1) {
            throw new IllegalArgumentException("control page count must be a power of two >= 1, got " + controlPages);
        }
    }

    /** Seed 0, SCATTER, one control page. */
    public static LoadOptions defaults() {
        return new LoadOptions(0, Placement.SCATTER, 1);
    }

    /** These options with another seed. */
    public LoadOptions withSeed(long newSeed) {
        return new LoadOptions(newSeed, placement, controlPages);
    }

    /** These options with another placement. */
    public LoadOptions withPlacement(Placement newPlacement) {
        return new LoadOptions(seed, newPlacement, controlPages);
    }

    /** These options with another control page count. */
    public LoadOptions withControlPages(int count) {
        return new LoadOptions(seed, placement, count);
    }
}
