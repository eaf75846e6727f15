package org.kexeclab.cli;

import java.util.OptionalLong;
import org.kexeclab.Arch;
import org.kexeclab.loader.KernelLoader;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlanningException;

/**
 * Which {@code --mem} would hold a kernel load that the machine's RAM does not: the least RAM
 * on which it plans, purgatory included, and passes kexec_load's checks
 * ({@link KernelLoader#smallestRam}), searched up to {@link #MAX_RAM}.
 */
final class RamAdvice {
    /** The largest RAM suggested: 1 TiB. */
    static final long MAX_RAM = 1L << 40;

    private RamAdvice() {
    }

    /**
     * "--mem 130M or more would hold this load", or null if more RAM would not help (the load
     * fits the request's RAM already, or does not fit even {@link #MAX_RAM}).
     */
    static String hint(Arch arch, LoadRequest req) {
        OptionalLong least;
        try {
            least = KernelLoader.smallestRam(arch, req, KernelLoader.purgatory(arch), MAX_RAM);
        } catch (ImageFormatException | PlanningException e) {
            return null;
        }
        if (least.isEmpty() || least.getAsLong() <= req.ramSize()) {
            return null;
        }
        return "--mem " + (least.getAsLong() >> 20) + "M or more would hold this load";
    }
}
